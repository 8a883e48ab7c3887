// One "app server" for the cross-process throttle test (app/utils/login-throttle.server.test.ts):
// uses the app's own client on DATABASE_URL (one connection per process, as in production),
// says "ready", waits for "go" on stdin so that every process fires at once, sends its
// guesses in parallel and prints the outcomes as JSON.
//   DATABASE_URL=… node --import tsx tests/sign-in-guesser.ts <username> <ipAddress> <password>…
import { createInterface } from 'node:readline'
import { authenticate } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'

const [username, ipAddress, ...passwords] = process.argv.slice(2)
if (!username || !ipAddress || passwords.length === 0) throw new Error('usage: sign-in-guesser <username> <ipAddress> <password>…')
await prisma.user.count()
process.stdout.write('ready\n')
const lines = createInterface({ input: process.stdin })
for await (const line of lines) if (line.trim() === 'go') break
lines.close()
const results = await Promise.all(passwords.map((password) => authenticate(prisma, { username, password, ipAddress })))
process.stdout.write(`${JSON.stringify(results.map((result) => (result.ok ? 'ok' : result.throttled ? 'throttled' : 'wrong')))}\n`)
// Whatever else the app modules started (timers) must not keep this process alive.
process.exit(0)
