TITLE NetStim.mod   spike-train generator (regular to Poisson)

COMMENT
Ranvier standard library: an artificial cell that emits a train of
events, from perfectly regular to Poisson, for driving synapses.

Model
  The train starts at t = start and contains at most `number` events.
  Inter-event intervals are
      isi = (1 - noise)*interval + noise*X,   X ~ Exponential(mean interval)
  i.e. a fixed dead time plus an exponential part, so that noise = 0
  gives a regular train with period `interval`, and noise = 1 gives a
  Poisson process of rate 1/interval. With noise > 0 the first event
  comes at start + noise*X (so `start` is the earliest time, and for
  noise = 1 the train is Poisson from `start` on).

  The renewal process with an absolute dead time is the standard
  "Poisson process with refractoriness"; see P. Dayan and L. F. Abbott
  (2001), Theoretical Neuroscience, sec. 1.4 (MIT Press).

Control by events (from a NetCon, flag 0)
  weight > 0 while idle: start a new train now (first event at once)
  weight < 0           : stop the train
  A generation counter tags self-events so that a restarted train never
  inherits events queued by an earlier one.

Parameters
  interval = 10 (ms)  mean interval between events
  number   = 10       maximum number of events (dimensionless)
  start    = 50 (ms)  start of the train (a negative value disables the
                      automatic start; the train can then only be started
                      by an event)
  noise    = 0        fraction of each interval that is random, 0..1
                      (values outside are clamped)

Random numbers come from the exprand() builtin of NMODL: exprand(1) is
an exponential deviate of mean 1, scaled here by interval. Differences
from NEURON's built-in NetStim: no per-instance Random123 stream (no
noiseFromRandom / seed procedures) and no diagnostic variable y.

Units: interval, start, times in ms; number and noise dimensionless.
ENDCOMMENT

NEURON {
    ARTIFICIAL_CELL NetStim
    RANGE interval, number, start, noise
    THREADSAFE
}

PARAMETER {
    interval = 10 (ms) <1e-9, 1e9>
    number   = 10 (1)  <0, 1e9>
    start    = 50 (ms)
    noise    = 0  (1)  <0, 1>
}

ASSIGNED {
    nsent (1)   : events emitted by the current train
    on    (1)   : 1 while a train is running
    gen   (1)   : generation tag of the current train (>= 1)
}

INITIAL {
    nsent = 0
    on = 0
    gen = 1
    if (start >= 0 && number > 0) {
        on = 1
        net_send(start + randpart(), gen)
    }
}

: Clamped noise fraction.
FUNCTION frac() (1) {
    frac = noise
    if (frac < 0) {
        frac = 0
    }
    if (frac > 1) {
        frac = 1
    }
}

: Random part of an interval: frac*X with X exponential of mean interval.
FUNCTION randpart() (ms) {
    if (frac() > 0) {
        randpart = frac()*interval*exprand(1)
    } else {
        randpart = 0
    }
}

: One inter-event interval.
FUNCTION isi() (ms) {
    isi = (1 - frac())*interval + randpart()
}

NET_RECEIVE (w) {
    if (flag == 0) {
        if (w > 0 && on == 0) {
            if (number > 0) {
                gen = gen + 1
                on = 1
                nsent = 0
                net_send(0, gen)
            }
        } else if (w < 0) {
            gen = gen + 1
            on = 0
        }
    } else if (flag == gen && on == 1) {
        net_event(t)
        nsent = nsent + 1
        if (nsent >= number) {
            on = 0
        } else {
            net_send(isi(), gen)
        }
    }
}
