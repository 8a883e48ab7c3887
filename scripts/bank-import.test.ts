// The command runs as a real process against this file's SQLite test database.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { BANK_SHEET_COLUMNS } from '#app/exams/import/bank-export.ts'
import { BANK_COLUMNS, type BankColumn } from '#app/exams/import/columns.ts'
import { uniqueTag } from '#app/exams/grading/test-fixtures.ts'
import { writeXlsx } from '#app/utils/xlsx.server.ts'
import { CLI_TEST_TIMEOUT, runCommand } from '#tests/cli.ts'
import { getTestDbWithUrl } from '#tests/db-utils.ts'

const dir = mkdtempSync(path.join(tmpdir(), 'bank-import-'))

function runCli(url: string, args: string[]) {
	return runCommand(process.execPath, ['--import', 'tsx', 'scripts/bank-import.ts', ...args], { env: { DATABASE_URL: url } })
}

async function writeBankFile(name: string, rows: Partial<Record<BankColumn, string>>[]) {
	const file = path.join(dir, name)
	writeFileSync(file, await writeXlsx([{ name: '题目', columns: BANK_SHEET_COLUMNS, rows: rows.map((r) => BANK_COLUMNS.map((c) => r[c] ?? '')) }]))
	return file
}

describe('npm run bank:import', { timeout: CLI_TEST_TIMEOUT }, () => {
	test('invalid rows: every problem printed as 第N行 列名：原因, nothing written, exit 1; then a clean file imports', async () => {
		const { db, url } = await getTestDbWithUrl('sqlite')
		const tag = uniqueTag()
		const good = { 题型: '判断', 专题: '财政', 难度: '1', 分值: '1', 题干: `${tag} 预算公开是法定义务。`, 答案: '对', 标签: tag }
		const bad = await writeBankFile('bad.xlsx', [good, { ...good, 题干: `${tag} 第二题`, 答案: '不一定', 分值: '' }])

		const dry = await runCli(url, [bad, '--dry-run'])
		expect(dry.code).toBe(1)
		expect(dry.stderr).toContain('第3行 分值：请填写分值\n第3行 答案：判断题答案“不一定”无法识别，请填写 正确/错误、对/错、√/× 或 T/F\n')
		expect(dry.stdout).toContain('试运行：共 2 行，可导入 1 道，有问题 1 行；未写入任何题目。')

		const refused = await runCli(url, [bad])
		expect(refused.code).toBe(1)
		expect(refused.stdout).toContain('已导入 0 道题目。')
		expect(await db.question.count({ where: { currentVersion: { tags: { contains: tag } } } })).toBe(0)

		const validOnly = await runCli(url, [bad, '--valid-only', '--status', 'draft'])
		expect(validOnly.code).toBe(1)
		expect(validOnly.stdout).toContain('已导入 1 道题目。')
		expect(await db.question.findMany({ where: { currentVersion: { tags: { contains: tag } } }, select: { status: true } })).toEqual([{ status: 'draft' }])
		const audit = await db.auditLog.findFirst({ where: { action: 'bank.import' }, orderBy: { id: 'desc' } })
		expect(audit?.actorName).toMatch(/^命令行导入/)

		const clean = await writeBankFile('clean.xlsx', [{ ...good, 题干: `${tag} 第三题` }, { ...good, 题干: `${tag} 第四题`, 答案: 'F' }])
		const ok = await runCli(url, [clean])
		expect(ok).toMatchObject({ code: 0, stderr: '' })
		expect(ok.stdout).toContain('已导入 2 道题目。')
	}, 180_000)

	test('a foreign layout: prints the mapping it used, names the missing columns, takes --default and --map (ADR 026)', async () => {
		const { db, url } = await getTestDbWithUrl('sqlite')
		const file = path.resolve('tests/fixtures/bank-import/audit-100.csv')
		const bare = await runCli(url, [file, '--dry-run'])
		expect(bare.code).toBe(1)
		expect(bare.stdout).toContain('列的对应：question → 题干，A → 选项A，B → 选项B，C → 选项C，D → 选项D，answer → 答案\n忽略的列：id\n')
		expect(bare.stderr).toContain('文件中没有“专题”列：请把某一列对应为专题，或选择默认专题\n文件中没有“难度”列')
		expect(bare.stdout).toContain('试运行：共 100 行，可导入 0 道')

		const remapped = await runCli(url, [file, '--dry-run', '--default', '专题=财政,难度=中,分值=1', '--map', '忽略=D'])
		expect(remapped.stdout).toContain('列的对应：question → 题干，A → 选项A，B → 选项B，C → 选项C，answer → 答案\n忽略的列：id，D\n默认值（文件中没有或未填写时）：专题 财政，难度 3，分值 1\n')
		// Rows whose answer was D now name an option the row does not have, by the file's column.
		expect(remapped.stderr).toContain('第4行 “answer”列（答案）：答案中的 D 没有对应的选项内容')

		const imported = await runCli(url, [file, '--default', '专题=财政,难度=中,分值=1'])
		expect(imported).toMatchObject({ code: 0, stderr: '' })
		expect(imported.stdout).toContain('已导入 100 道题目。')
		expect(await db.question.count({ where: { topic: 'fiscal', currentVersion: { stem: { contains: '审计长的提名人' } } } })).toBe(4)

		const badMap = await runCli(url, [file, '--map', '题面正文=question'])
		expect(badMap.code).toBe(2)
		expect(badMap.stderr).toContain('--map：“题面正文”不是题库的列')
		const badDefault = await runCli(url, [file, '--default', '专题=财务'])
		expect(badDefault.code).toBe(2)
		expect(badDefault.stderr).toContain('--default：专题“财务”无法识别')
	}, 240_000)

	test('usage errors exit 2', async () => {
		const { url } = await getTestDbWithUrl('sqlite')
		expect((await runCli(url, [])).code).toBe(2)
		expect((await runCli(url, [path.join(dir, 'missing.xlsx')])).stderr).toContain('无法读取文件')
	}, 60_000)
})
