// npm start: the production server. NODE_ENV defaults to production; the server applies pending
// migrations before it listens.
process.env.NODE_ENV ??= "production";
await import("../server.js");
