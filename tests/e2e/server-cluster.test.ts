// WEB_CONCURRENCY=2: two server processes share one port (ADR 013). A person signs in and
// keeps their session whichever process answers; a process that dies is replaced while the
// other keeps serving; SIGTERM stops them all.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import http from 'node:http'
import { type AddressInfo, createServer } from 'node:net'
import { DEMO_PASSWORD, expect, test } from './fixtures.ts'

const DATABASE_URL = process.env.E2E_DATABASE_URL ?? 'file:./data/e2e.db'
// Starting a server process loads the whole build: seconds when both cores are busy. The
// limits below wait for processes to start or be replaced; they catch a hang, not slowness.
const PROCESS_START_LIMIT = 60_000
test.describe.configure({ timeout: 240_000 })

/** A port nothing listens on now: a fixed one could belong to another server on the machine. */
async function freePort() {
	const probe = createServer()
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
	const { port } = probe.address() as AddressInfo
	await new Promise((resolve) => probe.close(resolve))
	return port
}

function childPids(pid: number) {
	try {
		return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
			.split('\n')
			.map((line) => Number(line.trim()))
			.filter(Boolean)
	} catch {
		return [] // ps exits 1 when there are none
	}
}

function waitForOutput(server: ChildProcess, text: string, log: { text: string }) {
	return expect.poll(() => log.text, { timeout: PROCESS_START_LIMIT, message: `server output should contain ${text}` }).toContain(text)
}

test('two server processes share the port, survive a crash and stop together', async ({ page }) => {
	const port = await freePort()
	const origin = `http://127.0.0.1:${port}`
	const log = { text: '' }
	const server = spawn(process.execPath, ['server.mjs'], {
		env: { ...process.env, DATABASE_URL, PORT: String(port), HOST: '127.0.0.1', WEB_CONCURRENCY: '2', NODE_ENV: 'development' },
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	server.stdout!.on('data', (chunk: Buffer) => (log.text += chunk.toString()))
	server.stderr!.on('data', (chunk: Buffer) => (log.text += chunk.toString()))
	const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)))
	try {
		await waitForOutput(server, '（2 个服务进程）', log)
		expect(childPids(server.pid!)).toHaveLength(2)

		await page.goto(`${origin}/login`)
		await page.getByLabel('工号').fill('learner')
		await page.getByLabel('密码').fill(DEMO_PASSWORD)
		await page.getByRole('button', { name: '登录' }).click()
		await expect(page).not.toHaveURL(/\/login/)
		// Each connection may land on either process; the session holds on both, and both answer.
		const cookie = (await page.context().cookies(origin)).map(({ name, value }) => `${name}=${value}`).join('; ')
		const { answers, close } = await getOnSeparateConnections(`${origin}/learn`, cookie, 8)
		try {
			expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200))
			const workerPids = childPids(server.pid!)
			expect(new Set(answers.map((answer) => serverPidOf(port, answer.clientPort, workerPids)))).toEqual(new Set(workerPids))
		} finally {
			close()
		}

		const [victim] = childPids(server.pid!)
		process.kill(victim!, 'SIGKILL')
		await waitForOutput(server, `服务进程 ${victim} 意外退出`, log)
		await expect.poll(() => childPids(server.pid!).filter((pid) => pid !== victim).length, { timeout: PROCESS_START_LIMIT }).toBe(2)
		await expect.poll(async () => (await page.request.get(`${origin}/learn`, { maxRedirects: 0 })).status(), { timeout: PROCESS_START_LIMIT }).toBe(200)

		const workers = childPids(server.pid!)
		server.kill('SIGTERM')
		expect(await exited).toBe(0)
		expect(workers.filter((pid) => childPids(server.pid!).includes(pid) || isAlive(pid))).toEqual([])
	} finally {
		if (server.exitCode === null) server.kill('SIGKILL')
	}
})

test('workers that keep dying stop the server with exit code 1 instead of restarting forever', async () => {
	// The port is taken, so every worker fails to listen and dies.
	const squatter = createServer()
	await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve))
	const { port } = squatter.address() as AddressInfo
	try {
		const server = spawn(process.execPath, ['server.mjs'], {
			env: { ...process.env, DATABASE_URL, PORT: String(port), HOST: '127.0.0.1', WEB_CONCURRENCY: '2', NODE_ENV: 'development' },
			stdio: ['ignore', 'pipe', 'pipe'],
		})
		let output = ''
		server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
		const code = await new Promise<number | null>((resolve) => server.once('exit', resolve))
		expect(code).toBe(1)
		expect(output).toContain('服务进程在 1 分钟内意外退出超过 5 次，服务器停止')
	} finally {
		squatter.close()
	}
})

/**
 * GETs `url` over `count` connections opened at once and kept open, so the cluster's
 * round-robin hands them to both processes and /proc can still say which one holds each.
 */
async function getOnSeparateConnections(url: string, cookie: string, count: number) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: count })
	const answers = await Promise.all(
		Array.from(
			{ length: count },
			() =>
				new Promise<{ status: number; clientPort: number }>((resolve, reject) => {
					http
						.get(url, { agent, headers: { cookie } }, (response) => {
							// Read now: the agent detaches the socket from the response once the body has ended.
							const clientPort = response.socket.localPort!
							response.resume()
							response.once('end', () => resolve({ status: response.statusCode!, clientPort }))
						})
						.once('error', reject)
				}),
		),
	)
	return { answers, close: () => agent.destroy() }
}

/**
 * Which of `pids` holds the server end of the loopback connection from `clientPort` to
 * `serverPort`: the socket's inode from /proc/net/tcp, found among each process's open files.
 * The cluster's primary only accepts and hands a connection on; the worker holding it is the
 * one that answered on it.
 */
function serverPidOf(serverPort: number, clientPort: number, pids: number[]) {
	const hexPort = (port: number) => port.toString(16).toUpperCase().padStart(4, '0')
	const line = readFileSync('/proc/net/tcp', 'utf8')
		.split('\n')
		.map((row) => row.trim().split(/\s+/))
		.find((fields) => fields[1]?.endsWith(`:${hexPort(serverPort)}`) && fields[2]?.endsWith(`:${hexPort(clientPort)}`))
	const socket = `socket:[${line?.[9]}]`
	return pids.find((pid) => readdirSync(`/proc/${pid}/fd`).some((fd) => safeReadlink(`/proc/${pid}/fd/${fd}`) === socket))
}

function safeReadlink(file: string) {
	try {
		return readlinkSync(file)
	} catch {
		return null // closed between listing and reading
	}
}

function isAlive(pid: number) {
	try {
		process.kill(pid, 0)
		return true
	} catch {
		return false
	}
}
