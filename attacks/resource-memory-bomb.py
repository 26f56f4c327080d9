# attack: memory bomb in Python
# expect: OOM MEMORY
# policy: memory=64m timeout=60s
# stopped-by: the memory cgroup's OOM killer
hog = []
while True:
    hog.append(bytearray(1 << 20))
