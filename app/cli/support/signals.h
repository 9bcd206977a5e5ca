#pragma once

// SIGINT/SIGTERM -> a CancelToken: the one signal installer of the CLI. Long work
// (training, AML training) polls the token, writes what it must (a final checkpoint)
// and exits with ExitCancelled (130).

namespace seekbench {
class CancelToken;
}

namespace seekbench::cli {

// The process's token, cancelled by SIGINT or SIGTERM once installCancelSignals() ran.
CancelToken &signalCancelToken();

// Installs the handlers (idempotent) and returns signalCancelToken().
CancelToken &installCancelSignals();

} // namespace seekbench::cli
