# Runs moto's DynamoDB server for dynamo-model-local, and makes it stop by itself when the
# process that started it is gone.
#
# The launcher holds the write end of this process's stdin. A thread blocks reading it; the
# read returns at end of file, which the operating system delivers as soon as the launcher
# closes the pipe (a dropped handle) or dies in any way (a panic, exit, SIGKILL, a static that
# is never dropped). Then this process ends itself: nobody ever signals a pid that might have
# been reused.
import os
import sys
import threading


def _stop_when_parent_is_gone():
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        os._exit(0)


threading.Thread(target=_stop_when_parent_is_gone, daemon=True).start()

from werkzeug.serving import WSGIRequestHandler  # noqa: E402

# One log line per request is noise in the output the launcher keeps for its error messages.
WSGIRequestHandler.log_request = lambda self, *args, **kwargs: None

from moto.moto_server.werkzeug_app import DomainDispatcherApplication  # noqa: E402
from moto.server import main  # noqa: E402

# moto serves each connection on a thread of its own, and its DynamoDB backend reads, changes
# and writes items without a lock, so two concurrent updates of one item (or two transactions)
# can lose one of them. DynamoDB applies every request atomically; one request at a time gives
# the same guarantee. The GIL lets only one request run at once anyway.
_one_request_at_a_time = threading.Lock()
_dispatch = DomainDispatcherApplication.__call__


def _serialised(self, environ, start_response):
    with _one_request_at_a_time:
        return _dispatch(self, environ, start_response)


DomainDispatcherApplication.__call__ = _serialised

# Port 0: the operating system picks a free port, so no other process can hold it. moto prints
# it in its start-up line (" * Running on http://127.0.0.1:PORT"), which the launcher reads.
main(["--host", "127.0.0.1", "--port", "0"])
