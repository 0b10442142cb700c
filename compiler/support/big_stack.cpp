// run_with_stack: a pthread with a chosen stack size.
#include "support/big_stack.h"

#include <pthread.h>
#include <signal.h>

namespace ranvier {

namespace {

struct Task {
    const std::function<int()>* fn;
    int result = 0;
};

void* trampoline(void* arg) {
    auto* task = static_cast<Task*>(arg);
    install_alternate_signal_stack();
    task->result = (*task->fn)();
    return nullptr;
}

} // namespace

int run_with_stack(std::size_t bytes, const std::function<int()>& fn) {
    pthread_attr_t attr;
    pthread_t thread;
    Task task{&fn};
    if (pthread_attr_init(&attr) != 0)
        return fn();
    bool started = pthread_attr_setstacksize(&attr, bytes) == 0 &&
                   pthread_create(&thread, &attr, trampoline, &task) == 0;
    pthread_attr_destroy(&attr);
    if (!started)
        return fn();
    pthread_join(thread, nullptr);
    return task.result;
}

// A thread that already has a signal stack (sanitizer runtimes install their own, of 32 KiB)
// keeps it: the fatal-signal handler only calls write(), and replacing the stack would leave the
// runtime to unmap memory it does not own at thread exit. Ours is never freed, because the
// kernel may switch to it until the thread is gone.
void install_alternate_signal_stack() {
    constexpr std::size_t kBytes = std::size_t{1} << 16;
    stack_t current{};
    if (sigaltstack(nullptr, &current) == 0 && !(current.ss_flags & SS_DISABLE))
        return;
    thread_local char* memory = new char[kBytes];
    stack_t alt{};
    alt.ss_sp = memory;
    alt.ss_size = kBytes;
    sigaltstack(&alt, nullptr);
}

} // namespace ranvier
