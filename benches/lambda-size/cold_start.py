"""Process start to first response of the get-by-id Lambda functions, on this machine.

Each built function (scripts/lambda-size.sh builds them) is started as Lambda starts one, with
the Lambda environment variables and AWS_LAMBDA_RUNTIME_API pointing at a stand-in of the Lambda
runtime API served here, which hands it one invocation and times its answer; the function reads
the item from a local engine (moto). The time covers what a cold start costs inside the function
(process start, client and credentials set-up, the first request's connection and call), not the
Lambda service's own part (placing the sandbox, downloading the code), which only AWS can show.

    python3 benches/lambda-size/cold_start.py ENGINE_PYTHON [RUNS]

ENGINE_PYTHON is a Python with moto and boto3 installed (the local engine's virtual environment,
e.g. ~/.cache/dynamo-model/moto-*/bin/python3).
"""

import http.server
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FUNCTIONS = ["get-raw", "get-model", "get-model-defaults"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RuntimeApi(http.server.BaseHTTPRequestHandler):
    """One invocation of {"id": "c1"}, then the time its response arrived."""

    answered = None
    handed_out = False

    def log_message(self, *args):
        pass

    def do_GET(self):
        if RuntimeApi.handed_out:
            time.sleep(30)  # no second invocation: the function is stopped before this ends
            return
        RuntimeApi.handed_out = True
        body = json.dumps({"id": "c1"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Lambda-Runtime-Aws-Request-Id", "request-1")
        self.send_header("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 30_000))
        self.send_header("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:get")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        payload = self.rfile.read(length)
        RuntimeApi.answered = (time.perf_counter(), self.path, payload)
        self.send_response(202)
        self.end_headers()


def main():
    engine_python = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    engine_port = free_port()
    engine = subprocess.Popen(
        [engine_python, "-m", "moto.server", "-p", str(engine_port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{engine_port}"
    try:
        seed = (
            "import boto3, time\n"
            "for _ in range(100):\n"
            "    try:\n"
            f"        c = boto3.client('dynamodb', endpoint_url='{endpoint}', region_name='us-east-1',"
            " aws_access_key_id='x', aws_secret_access_key='x'); c.list_tables(); break\n"
            "    except Exception: time.sleep(0.1)\n"
            "c.create_table(TableName='cats', KeySchema=[{'AttributeName': 'id', 'KeyType': 'HASH'}],"
            " AttributeDefinitions=[{'AttributeName': 'id', 'AttributeType': 'S'}], BillingMode='PAY_PER_REQUEST')\n"
            "c.put_item(TableName='cats', Item={'id': {'S': 'c1'}, 'name': {'S': 'Tom'}, 'lives': {'N': '9'}})\n"
        )
        subprocess.run([engine_python, "-c", seed], check=True)
        times = {name: [] for name in FUNCTIONS}
        answers = {}
        for _ in range(runs):
            for name in FUNCTIONS:
                port = free_port()
                RuntimeApi.answered, RuntimeApi.handed_out = None, False
                server = http.server.ThreadingHTTPServer(("127.0.0.1", port), RuntimeApi)
                threading.Thread(target=server.serve_forever, daemon=True).start()
                env = dict(
                    os.environ,
                    AWS_LAMBDA_RUNTIME_API=f"127.0.0.1:{port}",
                    AWS_LAMBDA_FUNCTION_NAME="get",
                    AWS_LAMBDA_FUNCTION_MEMORY_SIZE="128",
                    AWS_LAMBDA_FUNCTION_VERSION="$LATEST",
                    AWS_LAMBDA_LOG_STREAM_NAME="stream",
                    AWS_LAMBDA_LOG_GROUP_NAME="group",
                    AWS_REGION="us-east-1",
                    AWS_ACCESS_KEY_ID="x",
                    AWS_SECRET_ACCESS_KEY="x",
                    AWS_ENDPOINT_URL=endpoint,
                    DYNAMODB_ENDPOINT=endpoint,
                    TABLE_NAME="cats",
                )
                binary = os.path.join(HERE, "target", "release", name)
                start = time.perf_counter()
                process = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                while RuntimeApi.answered is None and time.perf_counter() - start < 20:
                    time.sleep(0.0005)
                process.kill()
                process.wait()
                server.shutdown()
                server.server_close()
                if RuntimeApi.answered is None:
                    sys.exit(f"{name} gave no answer within 20 s")
                times[name].append((RuntimeApi.answered[0] - start) * 1000)
                answers[name] = RuntimeApi.answered[2].decode()
        raw = statistics.median(times["get-raw"])
        print(f"{'function':<22} {'median ms':>10} {'min ms':>8} {'vs raw':>7}   answer")
        for name in FUNCTIONS:
            median = statistics.median(times[name])
            print(f"{name:<22} {median:>10.1f} {min(times[name]):>8.1f} {median / raw:>6.2f}x   {answers[name]}")
    finally:
        engine.kill()


if __name__ == "__main__":
    main()
