// Starts oauth2-mock-server (https://www.npmjs.com/package/oauth2-mock-server),
// a third-party OAuth 2.0 / OpenID Connect server, for tests/interop.rs.
//
// - Listens on 127.0.0.1 on a port the OS picks.
// - Signs tokens with a fresh RS256 key.
// - Prints exactly one line to stdout: `listening http://127.0.0.1:PORT`.
// - Exits when stdin closes (the test drops its end of the pipe or dies),
//   and on SIGTERM/SIGINT.
//
// The server itself answers the password grant for any credentials. One hook
// of its own (`beforeResponse`, documented in its README) makes it refuse a
// wrong password the way a real server would, so the test can see an error:
// the user `alice` has the password `wonderland`; anything else for `alice`
// gets `400 {"error":"invalid_grant",...}`.

import { OAuth2Server } from "oauth2-mock-server";

const USERS = new Map([["alice", "wonderland"]]);

const server = new OAuth2Server();
await server.issuer.keys.generate("RS256");
server.service.on("beforeResponse", (response, req) => {
  const { grant_type: grant, username, password } = req.body ?? {};
  if (grant !== "password" || !USERS.has(username)) {
    return;
  }
  if (USERS.get(username) !== password) {
    response.statusCode = 400;
    response.body = {
      error: "invalid_grant",
      error_description: "The user name or password is incorrect.",
    };
  }
});

await server.start(0, "127.0.0.1");
const { port } = server.address();
const baseUrl = `http://127.0.0.1:${port}`;
// The server names itself `http://localhost:PORT`; make the `iss` claim match
// the address the test uses.
server.issuer.url = baseUrl;

let stopping = false;
async function stop(code) {
  if (stopping) {
    return;
  }
  stopping = true;
  // Keep-alive connections must not hold the process open.
  setTimeout(() => process.exit(code), 1000).unref();
  try {
    await server.stop();
  } catch (error) {
    console.error("oauth2-mock-server: stop failed:", error);
  }
  process.exit(code);
}

process.stdin.on("end", () => stop(0));
process.stdin.on("close", () => stop(0));
process.stdin.on("error", () => stop(0));
process.stdin.resume();
process.on("SIGTERM", () => stop(0));
process.on("SIGINT", () => stop(0));

process.stdout.write(`listening ${baseUrl}\n`);
