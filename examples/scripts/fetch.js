// Fetches a URL: with the sandbox's network none, the connection is refused (verdict VIOLATION, NETWORK).
const url = process.argv[2] || "http://198.51.100.7/";
require("http").get(url, res => console.log("status", res.statusCode)).on("error", e => {
  console.error(String(e));
  process.exit(1);
});
