#include "support/signals.h"

#include "seekbench/run/cancel_token.h"

#include <csignal>

namespace seekbench::cli {
namespace {

CancelToken g_cancel;

extern "C" void onCancelSignal(int)
{
    g_cancel.cancel(); // a lock-free atomic store: safe in a signal handler
}

} // namespace

CancelToken &signalCancelToken() { return g_cancel; }

CancelToken &installCancelSignals()
{
    struct sigaction sa
    {};
    sa.sa_handler = onCancelSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    return g_cancel;
}

} // namespace seekbench::cli
