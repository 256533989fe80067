#!/usr/bin/env node
// npm start: build the client if needed, then start the server (filled in by the server issue).
console.log('The server is not built yet: see issue "Authoritative multiplayer server".');
