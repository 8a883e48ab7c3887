// `npm run audit:verify` as a real process against this file's test databases: a deleted
// newest entry, which the chain alone cannot show, fails it once a checkpoint was recorded.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { writeAuditLog } from '#app/utils/audit-log.server.ts'
import { CLI_TEST_TIMEOUT, runCommand } from '#tests/cli.ts'
import { getTestDbWithUrl, PROVIDERS } from '#tests/db-utils.ts'

const SECRET = 'cli-test-audit-secret-0123456789abcdef0123'

for (const provider of PROVIDERS) {
	test(`${provider}: audit:verify records a checkpoint, then reports the deleted newest entry and exits 1`, { timeout: CLI_TEST_TIMEOUT }, async () => {
		const { db, url } = await getTestDbWithUrl(provider)
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'hs-audit-cli-')), 'checkpoints.log')
		const run = (...args: string[]) =>
			runCommand(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', ...args], { env: { DATABASE_URL: url, AUDIT_LOG_SECRET: SECRET, AUDIT_CHECKPOINT_FILE: file } })
		for (let i = 0; i < 3; i++) await writeAuditLog(db, { actorId: null, action: 'user.update', targetType: 'User', targetId: `cli${i}` }, undefined, SECRET)

		const first = await run('--checkpoint')
		expect(first.stdout).toContain('已记录检查点')
		expect(first.stdout).toContain('与全部检查点相符')
		expect(first.code).toBe(0)

		const newest = await db.auditLog.findFirstOrThrow({ orderBy: { id: 'desc' } })
		await db.auditLog.delete({ where: { id: newest.id } })
		const after = await run()
		expect(after.code).toBe(1)
		expect(after.stderr).toContain('最新的 1 条记录被删除')

		// Nor does it verify under another key: the entries' HMACs do not fit.
		const otherKey = await runCommand(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
			env: { DATABASE_URL: url, AUDIT_LOG_SECRET: 'another-secret-0123456789abcdef0123456789', AUDIT_CHECKPOINT_FILE: `${file}.none` },
		})
		expect(otherKey.code).toBe(1)
		expect(otherKey.stderr).toContain('审计密钥')
	})
}
