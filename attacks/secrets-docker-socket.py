# attack: talk to the Docker engine's socket from Python
# expect: PASSED
# stopped-by: no host mounts
import socket
for path in ("/var/run/docker.sock", "/run/docker.sock"):
    s = socket.socket(socket.AF_UNIX)
    try:
        s.connect(path)
        raise SystemExit(42)
    except (FileNotFoundError, ConnectionRefusedError) as refused:
        print(path, refused)
