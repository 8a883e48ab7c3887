import { beforeAll, expect, test } from 'vitest'
import { makeAdmin, makeUnit, makeUser, xlsxOf } from '#app/admin/test-fixtures.ts'
import { templateFile } from '#app/admin/import/templates.ts'
import { readSpreadsheet } from '#app/utils/xlsx.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { parseChinaDay } from './dates.ts'
import { commitPairingImport, previewPairingImport, splitGoals } from './pairing-import.ts'
import { createPairing, PairingInputSchema } from './pairings.ts'

const HEADER = ['导师工号', '徒弟工号', '开始日期', '结束日期', '目标']

test('one 目标 cell splits into 业务 and 党建 goals', () => {
	expect(splitGoals('业务：独立完成一个经责项目；党建：每月参加主题党日')).toEqual({ businessGoals: '独立完成一个经责项目', partyGoals: '每月参加主题党日' })
	expect(splitGoals('党建目标: 写一篇廉政心得 业务目标: 学会抽凭')).toEqual({ businessGoals: '学会抽凭', partyGoals: '写一篇廉政心得' })
	expect(splitGoals('熟悉财政审计')).toEqual({ businessGoals: '熟悉财政审计', partyGoals: '' })
})

test('the pairing template carries the five columns and instructions', async () => {
	const { body, fileName } = await templateFile('pairings', 'xlsx')
	expect(fileName).toBe('导师带徒结对导入模板.xlsx')
	const sheet = await readSpreadsheet(body as Buffer, fileName, { maxRows: 10 })
	expect(sheet.ok && sheet.headers).toEqual(HEADER)
	expect((await templateFile('pairings', 'csv')).body).toContain('导师工号,徒弟工号,开始日期,结束日期,目标')
})

describeEachProvider('pairing import', (getDb) => {
	let admin: Awaited<ReturnType<typeof makeAdmin>>
	let unitId: string

	beforeAll(async () => {
		const db = await getDb()
		admin = await makeAdmin(db)
		unitId = (await makeUnit(db)).id
	})

	test('preview lists every row problem; nothing is written until all rows are right', async () => {
		const db = await getDb()
		const mentor = await makeUser(db, { unitId, roles: ['mentor'] })
		const learnerOnly = await makeUser(db, { unitId })
		const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => makeUser(db, { unitId })))
		const busyMentor = await makeUser(db, { unitId, roles: ['mentor'] })
		await createPairing(db, admin, PairingInputSchema.parse({ mentorId: busyMentor.id, apprenticeId: d!.id, startsOn: '2026-01-01', endsOn: '2026-12-31' }))
		const rows = [
			[mentor.username, a!.username, '2026-09-01', '2027-08-31', '业务：学会抽凭；党建：每月主题党日'],
			[learnerOnly.username, b!.username, '2026-09-01', '2027-08-31', ''],
			[mentor.username, a!.username, '2026-09-01', '2027-08-31', ''],
			[mentor.username, 'nobody', '2026-13-01', '2026-08-31', ''],
			[mentor.username, d!.username, '2026/9/1', '2027/8/31', ''],
			[mentor.username, c!.username, '2026-09-01', '2026-08-01', ''],
		]
		const file = { data: await xlsxOf(HEADER, rows), fileName: '结对.xlsx' }
		const preview = await previewPairingImport(db, file)
		expect(preview.totalRows).toBe(6)
		expect(preview.problems.map((p) => [p.rowNumber, p.messages.join('；')])).toEqual([
			[3, `${learnerOnly.name}（${learnerOnly.username}）没有导师身份`],
			[4, `徒弟“${a!.username}”与第2行重复：一名徒弟同时只能有一位导师`],
			[5, '徒弟工号“nobody”不存在；开始日期格式应为 2026-09-01'],
			[6, `${d!.name}（${d!.username}）已有在带导师 ${busyMentor.name}，请先结束原结对`],
			[7, '结束日期须晚于开始日期'],
		])
		const outcome = await commitPairingImport(db, admin, file)
		expect(outcome.ok).toBe(false)
		expect(await db.pairing.count({ where: { mentorId: mentor.id } })).toBe(0)
	})

	test('a clean sheet (xlsx or csv) writes every pairing in one audited transaction', async () => {
		const db = await getDb()
		const mentor = await makeUser(db, { unitId, roles: ['mentor'] })
		const [a, b] = await Promise.all([1, 2].map(() => makeUser(db, { unitId })))
		const csv = `${HEADER.join(',')}\n${mentor.username},${a!.username},2026-09-01,2027-08-31,"业务：学会抽凭；党建：每月主题党日"\n${mentor.username},${b!.username},2026-09-01,2027-08-31,熟悉财政审计\n`
		const file = { data: Buffer.from(csv), fileName: '结对.csv' }
		const preview = await previewPairingImport(db, file)
		expect(preview.problems).toEqual([])
		expect(preview.table.rows[0]!.cells).toEqual([`${mentor.name}（${mentor.username}）`, `${a!.name}（${a!.username}）`, '2026-09-01', '2027-08-31', '学会抽凭', '每月主题党日'])
		const outcome = await commitPairingImport(db, admin, file)
		expect(outcome).toMatchObject({ ok: true, created: 2 })
		const made = await db.pairing.findMany({ where: { mentorId: mentor.id }, orderBy: { createdAt: 'asc' } })
		expect(made.map((p) => [p.apprenticeId, p.status, p.startsOn.getTime(), p.partyGoals])).toEqual([
			[a!.id, 'active', parseChinaDay('2026-09-01')!.getTime(), '每月主题党日'],
			[b!.id, 'active', parseChinaDay('2026-09-01')!.getTime(), ''],
		])
		expect(await db.auditLog.count({ where: { action: 'mentorship.pairing.import', summary: { contains: '2 个结对' } } })).toBe(1)
		// Importing the same file again: both apprentices now have an active mentor.
		const again = await commitPairingImport(db, admin, file)
		expect(again.ok).toBe(false)
		expect(!again.ok && again.preview.problems.map((p) => p.rowNumber)).toEqual([2, 3])
	})

	test('a file without the columns is refused as a whole', async () => {
		const db = await getDb()
		const preview = await previewPairingImport(db, { data: await xlsxOf(['工号', '姓名'], [['a', 'b']]), fileName: 'x.xlsx' })
		expect(preview.fileProblems[0]).toContain('“导师工号”')
	})
})
