// TRUST_PROXY (ADR 008): a hop count or proxy addresses, never "every hop"; and, over real
// HTTP through Express as server.mjs configures it, a forged X-Forwarded-For does not change
// the address sign-in throttling counts.
import type { AddressInfo } from 'node:net'
import express from 'express'
import { describe, expect, test } from 'vitest'
import { authenticate } from '#app/utils/auth.server.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { hashPassword } from '#app/utils/password.server.ts'
import { THROTTLE_RULES } from '#app/utils/login-throttle.server.ts'
import { CLI_TEST_TIMEOUT, runCommand } from '#tests/cli.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { readServerEnv } from './env.mjs'
import { clientAddress, parseTrustProxy } from './trust-proxy.mjs'

describe('TRUST_PROXY', () => {
	test('unset or false trusts no proxy', () => {
		expect(readServerEnv({}).trustProxy).toBe(false)
		expect(readServerEnv({ TRUST_PROXY: 'false' }).trustProxy).toBe(false)
		expect(readServerEnv({ TRUST_PROXY: '' }).problems).toEqual([])
	})

	test('a hop count or a list of proxy addresses and ranges is taken', () => {
		expect(readServerEnv({ TRUST_PROXY: '1' })).toMatchObject({ trustProxy: 1, problems: [] })
		expect(readServerEnv({ TRUST_PROXY: ' 2 ' }).trustProxy).toBe(2)
		expect(readServerEnv({ TRUST_PROXY: '10.0.0.5, 10.0.0.0/24,loopback,fd00::/8,::1' })).toMatchObject({
			trustProxy: ['10.0.0.5', '10.0.0.0/24', 'loopback', 'fd00::/8', '::1'],
			problems: [],
		})
	})

	test('true is refused with a message that says why and what to write instead', () => {
		const { problems } = readServerEnv({ TRUST_PROXY: 'true' })
		expect(problems).toHaveLength(1)
		expect(problems[0]).toContain('TRUST_PROXY=true 会信任每一跳代理')
		expect(problems[0]).toContain('X-Forwarded-For')
		expect(problems[0]).toContain('跳数')
	})

	test.each(['yes', '99', '10.0.0.300', '10.0.0.0/33', 'proxy.example', '10.0.0.5,,nope', '-1'])('%j is refused as invalid', (value) => {
		expect(readServerEnv({ TRUST_PROXY: value }).problems.join('')).toContain('TRUST_PROXY 无效')
		expect(parseTrustProxy(value).setting).toBe(false)
	})

	// Asynchronous, with the CLI limit: a blocking spawn with its own 20 s limit failed on a busy machine.
	test('the server refuses to start with TRUST_PROXY=true and says why', { timeout: CLI_TEST_TIMEOUT }, async () => {
		const result = await runCommand(process.execPath, ['server.mjs'], { env: { NODE_ENV: 'development', TRUST_PROXY: 'true', PORT: '0' } })
		expect(result.code).toBe(1)
		expect(result.stderr).toContain('服务器拒绝启动')
		expect(result.stderr).toContain('TRUST_PROXY=true')
	})
})

/** An Express app with server.mjs's proxy setting whose one route signs in with the client address. */
async function listen(trustProxy: false | number | string[] | boolean, db: Db) {
	const app = express()
	app.set('trust proxy', trustProxy)
	app.use(express.json())
	app.post('/login', async (req, res) => {
		const ipAddress = clientAddress(req)
		const result = await authenticate(db, { username: req.body.username, password: req.body.password, ipAddress })
		res.json({ ipAddress, throttled: !result.ok && result.throttled })
	})
	const server = app.listen(0, '127.0.0.1')
	await new Promise((resolve) => server.once('listening', resolve))
	const { port } = server.address() as AddressInfo
	return {
		post: async (body: unknown, forwardedFor: string) => {
			const response = await fetch(`http://127.0.0.1:${port}/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
				body: JSON.stringify(body),
			})
			return (await response.json()) as { ipAddress: string; throttled: boolean }
		},
		close: () => new Promise((resolve) => server.close(resolve)),
	}
}

describeEachProvider('a forged X-Forwarded-For behind one proxy', (getDb) => {
	test('with TRUST_PROXY=1 the leftmost entry is ignored: the throttle sees the proxy-reported address', async () => {
		const db = await getDb()
		const unit = await db.unit.create({ data: { name: `代理测试${Date.now()}`, kind: 'department' } })
		const user = await db.user.create({
			data: { username: `proxy${Date.now().toString(36)}`, name: '代理测试', unitId: unit.id, password: { create: { hash: await hashPassword('Secret123') } } },
		})
		const server = await listen(readServerEnv({ TRUST_PROXY: '1' }).trustProxy, db)
		try {
			const seen = new Set<string>()
			const answers: { ipAddress: string; throttled: boolean }[] = []
			// Five free failures, then waits of 1 s, 2 s, 4 s …: a wait is met within a few more tries.
			for (let i = 0; i < 15 && !answers.at(-1)?.throttled; i++) {
				// The client writes a new address each time; the proxy appends the one it saw.
				const answer = await server.post({ username: user.username, password: `wrong${i}` }, `198.51.100.${i + 1}, 203.0.113.9`)
				seen.add(answer.ipAddress)
				answers.push(answer)
			}
			expect([...seen]).toEqual(['203.0.113.9'])
			// Same address every time, so the per-address throttle holds despite the rotation.
			expect(answers.slice(0, THROTTLE_RULES.pair.freeFailures).every((answer) => !answer.throttled)).toBe(true)
			expect(answers.at(-1)!.throttled).toBe(true)
			expect(await db.loginAttempt.count({ where: { username: user.username, ipAddress: { not: '203.0.113.9' } } })).toBe(0)
		} finally {
			await server.close()
		}
	})

	test('what TRUST_PROXY=true did: the client picks its own address', async () => {
		const db = await getDb()
		const server = await listen(true, db)
		try {
			expect((await server.post({ username: 'nobody', password: 'x' }, '198.51.100.77, 203.0.113.9')).ipAddress).toBe('198.51.100.77')
		} finally {
			await server.close()
		}
	})
})
