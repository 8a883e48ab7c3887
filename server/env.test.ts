import { readFileSync } from 'node:fs'
import { parse } from 'dotenv'
import { describe, expect, test } from 'vitest'
import { CLI_TEST_TIMEOUT, projectRoot, runCommand } from '#tests/cli.ts'
import { DEMO_AUDIT_LOG_SECRET, DEMO_SESSION_SECRET, ENV_VARIABLES, readServerEnv, serverEnvSchema } from './env.mjs'

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
	test('WEB_CONCURRENCY sets the number of server processes, 1 unless told', () => {
		expect(readServerEnv({}).workers).toBe(1)
		expect(readServerEnv({ WEB_CONCURRENCY: '2' }).workers).toBe(2)
		expect(readServerEnv({ WEB_CONCURRENCY: 'many' }).problems.join('')).toContain('WEB_CONCURRENCY 无效')
		expect(readServerEnv({ WEB_CONCURRENCY: '0' }).problems.join('')).toContain('WEB_CONCURRENCY 无效')
	})
})

describe('one schema for the whole environment', () => {
	test('every bad variable is reported in Chinese, one line each, and a secret is never echoed', () => {
		const { problems } = readServerEnv({
			NODE_ENV: 'production',
			SESSION_SECRET: 'short-secret',
			PORT: 'abc',
			WEB_CONCURRENCY: '0',
			DATABASE_POOL_SIZE: 'lots',
			DATABASE_URL: 'mysql://db/hongshen',
			SECURE_COOKIES: 'yes',
		})
		expect(problems).toEqual([
			expect.stringMatching(/^DATABASE_URL 无效：/),
			'DATABASE_POOL_SIZE 无效："lots"（应为 1 到 200 的整数）',
			expect.stringMatching(/^SESSION_SECRET 太短/),
			'PORT 无效："abc"（应为 1 到 65535 的整数）',
			'WEB_CONCURRENCY 无效："0"（应为 1 到 64 的整数）',
			'SECURE_COOKIES 无效："yes"（应为 true 或 false）',
		])
		expect(problems.join('')).not.toContain('short-secret')
	})
	test('DATABASE_POOL_SIZE goes through the schema like the rest', () => {
		expect(readServerEnv({}).databasePoolSize).toBe(10)
		expect(readServerEnv({ DATABASE_POOL_SIZE: '25' })).toMatchObject({ databasePoolSize: 25, problems: [] })
		expect(readServerEnv({ DATABASE_POOL_SIZE: '0' }).problems).toEqual(['DATABASE_POOL_SIZE 无效："0"（应为 1 到 200 的整数）'])
	})
	test('the schema, ENV_VARIABLES, .env.example and the README table name the same variables', () => {
		const names = ENV_VARIABLES.map((variable) => variable.name)
		expect(Object.keys(serverEnvSchema(false).shape).sort()).toEqual([...names].sort())
		// .env.example: every variable, set or commented out (`# NAME=`), and nothing unknown
		// besides the test tools' own settings.
		const example = readFileSync(`${projectRoot}/.env.example`, 'utf8')
		const named = [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1])
		expect(new Set(named)).toEqual(new Set([...names, 'TEST_POSTGRES_URL', 'CHROMIUM_PATH']))
		// Its set values pass the schema.
		expect(readServerEnv(parse(example)).problems).toEqual([])
		const table = ['| variable | default | meaning |', '| --- | --- | --- |', ...ENV_VARIABLES.map((v) => `| \`${v.name}\` | ${v.default} | ${v.meaning} |`)].join('\n')
		expect(readFileSync(`${projectRoot}/README.md`, 'utf8'), 'README.md 的环境变量表应与 server/env.mjs 的 ENV_VARIABLES 一致').toContain(table)
	})
})

describe('audit log settings (ADR 006)', () => {
	test('the audit key is derived from the session secret unless set, never the session secret itself', () => {
		const derived = readServerEnv({ SESSION_SECRET: 'y'.repeat(40) }).auditLogSecret
		expect(derived).toMatch(/^[0-9a-f]{64}$/)
		expect(readServerEnv({ SESSION_SECRET: 'y'.repeat(40) }).auditLogSecret).toBe(derived)
		expect(readServerEnv({ SESSION_SECRET: 'z'.repeat(40) }).auditLogSecret).not.toBe(derived)
		expect(readServerEnv({ AUDIT_LOG_SECRET: 'own-audit-key' }).auditLogSecret).toBe('own-audit-key')
	})
	test('production refuses the demo audit key or a short one, saying why', () => {
		const base = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }
		expect(readServerEnv({ ...base, AUDIT_LOG_SECRET: DEMO_AUDIT_LOG_SECRET }).problems.join('')).toContain('AUDIT_LOG_SECRET')
		expect(readServerEnv({ ...base, AUDIT_LOG_SECRET: 'short' }).problems.join('')).toContain('AUDIT_LOG_SECRET')
		expect(readServerEnv({ ...base, AUDIT_LOG_SECRET: 'k'.repeat(40) }).problems).toEqual([])
		expect(readServerEnv(base).problems).toEqual([])
	})
	test('each database has its own checkpoint file unless one is named', () => {
		expect(readServerEnv({}).auditCheckpointFile).toBe('data/app-audit-checkpoints.log')
		expect(readServerEnv({ DATABASE_URL: 'file:./data/e2e.db' }).auditCheckpointFile).toBe('data/e2e-audit-checkpoints.log')
		expect(readServerEnv({ DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/hongshen?schema=public' }).auditCheckpointFile).toBe('data/audit-checkpoints-hongshen.log')
		expect(readServerEnv({ AUDIT_CHECKPOINT_FILE: '/var/log/hongshen/audit.log' }).auditCheckpointFile).toBe('/var/log/hongshen/audit.log')
	})
})

describe('server start-up', { timeout: CLI_TEST_TIMEOUT }, () => {
	test('a production server with the demo secret refuses to start and says why', async () => {
		const result = await runCommand(process.execPath, ['server.mjs'], { env: { NODE_ENV: 'production', SESSION_SECRET: DEMO_SESSION_SECRET, PORT: '0' } })
		expect(result.code).toBe(1)
		expect(result.stderr).toContain('服务器拒绝启动')
		expect(result.stderr).toContain('演示密钥')
	})
	test('a wrong variable stops the server with every problem in Chinese', async () => {
		const result = await runCommand(process.execPath, ['server.mjs'], { env: { PORT: 'eighty', WEB_CONCURRENCY: 'many', DATABASE_POOL_SIZE: '-1' } })
		expect(result.code).toBe(1)
		expect(result.stderr).toContain('服务器拒绝启动')
		expect(result.stderr).toContain('PORT 无效："eighty"（应为 1 到 65535 的整数）')
		expect(result.stderr).toContain('WEB_CONCURRENCY 无效："many"')
		expect(result.stderr).toContain('DATABASE_POOL_SIZE 无效："-1"')
	})
})

describe('the lesson image store (ADR 016)', () => {
	const s3 = {
		LESSON_IMAGE_S3_ENDPOINT: 'https://minio.example:9000/',
		LESSON_IMAGE_S3_BUCKET: 'hongshen-images',
		LESSON_IMAGE_S3_ACCESS_KEY_ID: 'AKIDEXAMPLE',
		LESSON_IMAGE_S3_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
	}
	test('unset, images stay in the database', () => {
		expect(readServerEnv({}).lessonImageS3).toBeNull()
	})
	test('all four set: the store, with the default region and no trailing slash', () => {
		expect(readServerEnv(s3)).toMatchObject({
			problems: [],
			lessonImageS3: { endpoint: 'https://minio.example:9000', bucket: 'hongshen-images', region: 'us-east-1', accessKeyId: 'AKIDEXAMPLE' },
		})
	})
	test('half a setting is refused, naming what is missing, and the secret is never echoed', () => {
		const { problems, lessonImageS3 } = readServerEnv({ ...s3, LESSON_IMAGE_S3_BUCKET: '' })
		expect(lessonImageS3).toBeNull()
		expect(problems).toEqual([expect.stringMatching(/^图片对象存储设置不完整：缺少 LESSON_IMAGE_S3_BUCKET/)])
		const bad = readServerEnv({ ...s3, LESSON_IMAGE_S3_ENDPOINT: 'minio:9000', LESSON_IMAGE_S3_BUCKET: 'Bad_Bucket' }).problems
		expect(bad.join('\n')).toMatch(/LESSON_IMAGE_S3_ENDPOINT 无效/)
		expect(bad.join('\n')).toMatch(/LESSON_IMAGE_S3_BUCKET 无效/)
		expect(bad.join('\n')).not.toContain(s3.LESSON_IMAGE_S3_SECRET_ACCESS_KEY)
	})
})
