// Issue 11 item 9: every documented command works straight after `npm ci`, whether or not
// `npm start` has run. The test lays out a fresh clone (the files git tracks, nothing
// generated, no data), runs the install hook `npm ci` runs (`npm run postinstall`), and then
// each documented command against a new SQLite file in that clone.
//
// node_modules is linked from this checkout rather than installed again: downloading every
// package would prove the registry works, not the project; what a fresh clone lacks is what
// the project generates itself (the Prisma clients under app/generated, the data folder).
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { BANK_SHEET_COLUMNS } from '#app/exams/import/bank-export.ts'
import { BANK_COLUMNS, type BankColumn } from '#app/exams/import/columns.ts'
import { writeXlsx } from '#app/utils/xlsx.server.ts'
import { CLI_TEST_TIMEOUT, projectRoot, runCommand, type CommandResult } from '#tests/cli.ts'

const clone = mkdtempSync(path.join(tmpdir(), 'hongshen-fresh-clone-'))
// A path relative to the clone, as a person would write it in .env.
const DATABASE_URL = 'file:./data/fresh.db'

function layOutClone() {
	const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: projectRoot, encoding: 'utf8' }).split('\0').filter(Boolean)
	for (const file of tracked) {
		const from = path.join(projectRoot, file)
		// A file deleted in the working tree but not yet committed is not part of the clone.
		if (!existsSync(from)) continue
		mkdirSync(path.dirname(path.join(clone, file)), { recursive: true })
		copyFileSync(from, path.join(clone, file))
	}
	symlinkSync(path.join(projectRoot, 'node_modules'), path.join(clone, 'node_modules'), 'dir')
}

function npmRun(script: string, args: string[] = []) {
	return runCommand('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], { cwd: clone, env: { DATABASE_URL } })
}

function expectSuccess(result: CommandResult, what: string) {
	expect(result.code, `${what}\n${result.stdout}\n${result.stderr}`).toBe(0)
	expect(result.stderr).not.toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/)
}

describe('a fresh clone after npm ci', { timeout: CLI_TEST_TIMEOUT }, () => {
	beforeAll(() => layOutClone())
	afterAll(() => rmSync(clone, { recursive: true, force: true }))

	test('has nothing generated until the install hook runs, and the hook generates both database clients', async () => {
		expect(existsSync(path.join(clone, 'app/generated'))).toBe(false)
		const hook = JSON.parse(readFileSync(path.join(clone, 'package.json'), 'utf8')).scripts.postinstall as string
		expect(hook).toContain('scripts/prisma-generate.mjs')
		expectSuccess(await npmRun('postinstall'), 'npm run postinstall')
		expect(existsSync(path.join(clone, 'app/generated/prisma/sqlite/client.ts'))).toBe(true)
		expect(existsSync(path.join(clone, 'app/generated/prisma/postgresql/client.ts'))).toBe(true)
	})

	test('the documented commands run against a new database without npm start ever having run', async () => {
		const migrate = await runCommand('npx', ['prisma', 'migrate', 'deploy'], { cwd: clone, env: { DATABASE_URL } })
		expectSuccess(migrate, 'npx prisma migrate deploy')

		const seed = await npmRun('seed')
		expectSuccess(seed, 'npm run seed')
		expect(seed.stdout).toContain('空数据库，已写入演示数据。')

		const sync = await npmRun('content:sync')
		expectSuccess(sync, 'npm run content:sync')

		const file = path.join(clone, 'data', 'questions.xlsx')
		const row: Partial<Record<BankColumn, string>> = { 题型: '判断', 专题: '财政', 难度: '1', 分值: '1', 题干: '全新克隆：预算公开是法定义务。', 答案: '对' }
		writeFileSync(file, await writeXlsx([{ name: '题目', columns: BANK_SHEET_COLUMNS, rows: [BANK_COLUMNS.map((c) => row[c] ?? '')] }]))
		const dryRun = await npmRun('bank:import', [file, '--dry-run'])
		expectSuccess(dryRun, 'npm run bank:import -- --dry-run')
		expect(dryRun.stdout).toContain('可导入 1 道')
		const imported = await npmRun('bank:import', [file])
		expectSuccess(imported, 'npm run bank:import')
		expect(imported.stdout).toContain('已导入 1 道题目。')

		const verify = await npmRun('audit:verify')
		expectSuccess(verify, 'npm run audit:verify')
	})
})
