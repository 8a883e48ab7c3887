import { describe, expect, test } from 'vitest'
import { DEMO_SESSION_SECRET, readServerEnv } from './env.mjs'

describe('readServerEnv', () => {
	test('the demo secret is fine outside production', () => {
		expect(readServerEnv({ NODE_ENV: 'development' }).problems).toEqual([])
	})
	test('production refuses the demo secret, saying why', () => {
		const { problems } = readServerEnv({ NODE_ENV: 'production', SESSION_SECRET: DEMO_SESSION_SECRET })
		expect(problems.join('')).toContain('演示密钥')
	})
	test('production accepts a long own secret and secures cookies', () => {
		const env = readServerEnv({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })
		expect(env.problems).toEqual([])
		expect(env.secureCookies).toBe(true)
	})
})
