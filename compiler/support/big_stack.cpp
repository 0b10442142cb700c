// run_with_stack: a pthread with a chosen stack size.
#include "support/big_stack.h"

#include <pthread.h>
#include <signal.h>
#include <vector>

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
    if (pthread_attr_init(&attr) != 0) return fn();
    bool started = pthread_attr_setstacksize(&attr, bytes) == 0 &&
                   pthread_create(&thread, &attr, trampoline, &task) == 0;
    pthread_attr_destroy(&attr);
    if (!started) return fn();
    pthread_join(thread, nullptr);
    return task.result;
}

void install_alternate_signal_stack() {
    // One per thread, alive for the thread's lifetime (threads here never exit before main).
    thread_local std::vector<char> stack(std::size_t{1} << 16);
    stack_t alt{};
    alt.ss_sp = stack.data();
    alt.ss_size = stack.size();
    sigaltstack(&alt, nullptr);
}

} // namespace ranvier
