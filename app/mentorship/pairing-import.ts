// Bulk pairing from a sheet (导师工号, 徒弟工号, 开始日期, 结束日期, 目标), the same way the
// people import works: preview with row errors first; the commit re-checks inside its
// transaction and writes every row or none. A clash with an active pairing (even one made
// while the file was being checked) is a row problem, never a second active mentor (ADR 051).
import { auditActor, type Actor } from '#app/admin/actor.ts'
import { chunks, fileProblemPreview, ProblemList, readImportSheet, type UploadedFile } from '#app/admin/import/sheet.ts'
import { type ImportOutcome, type ImportPreview, type ReportProgress, rowsPreview } from '#app/admin/import/types.ts'
import { isUniqueViolation } from '#app/admin/users.ts'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx } from '#app/utils/db-client.server.ts'
import type { SpreadsheetRow } from '#app/utils/xlsx.server.ts'
import { chinaDayOf, parseChinaDay } from './dates.ts'
import { insertPairing, type PairingInput } from './pairings.ts'

export const PAIRING_IMPORT_COLUMNS = [
	{ header: '导师工号', required: true },
	{ header: '徒弟工号', required: true },
	{ header: '开始日期', required: true },
	{ header: '结束日期', required: true },
	{ header: '目标', required: false },
] as const

const PREVIEW_COLUMNS = ['导师', '徒弟', '开始日期', '结束日期', '业务目标', '党建目标']
const LOOKUP_CHUNK = 500

/**
 * One 目标 cell holds both goals: text after “党建：” is the 党建 goal, text after “业务：”
 * (or everything, when neither label is written) the 业务 goal.
 */
export function splitGoals(text: string) {
	const value = text.trim()
	const party = /党建(?:目标)?[:：]/.exec(value)
	const business = /业务(?:目标)?[:：]/.exec(value)
	if (!party && !business) return { businessGoals: value, partyGoals: '' }
	const cut = (from: RegExpExecArray | null, other: RegExpExecArray | null) => {
		if (!from) return ''
		const start = from.index + from[0].length
		const end = other && other.index > from.index ? other.index : value.length
		return value.slice(start, end).trim().replace(/[；;。,，\s]+$/, '')
	}
	return { businessGoals: cut(business, party), partyGoals: cut(party, business) }
}

type CheckedRow = PairingInput & { rowNumber: number; mentorLabel: string; apprenticeLabel: string }

export async function checkPairingRows(db: DbOrTx, rows: readonly SpreadsheetRow[], onProgress?: ReportProgress) {
	const problems = new ProblemList()
	const usernames = [...new Set(rows.flatMap((r) => [r.cells['导师工号']?.trim() ?? '', r.cells['徒弟工号']?.trim() ?? '']).filter(Boolean))]
	const users = new Map<string, { id: string; name: string; active: boolean; roles: string[] }>()
	let looked = 0
	for (const batch of chunks(usernames, LOOKUP_CHUNK)) {
		const found = await db.user.findMany({ where: { username: { in: batch } }, select: { id: true, username: true, name: true, active: true, roles: { select: { role: true } } } })
		for (const u of found) users.set(u.username, { id: u.id, name: u.name, active: u.active, roles: u.roles.map((r) => r.role) })
		looked += batch.length
		await onProgress?.({ phase: 'validate', done: looked, total: usernames.length })
	}
	const apprenticeIds = [...users.values()].map((u) => u.id)
	const active = apprenticeIds.length
		? await db.pairing.findMany({ where: { activeApprenticeId: { in: apprenticeIds } }, select: { apprenticeId: true, mentorId: true } })
		: []
	const activeOf = new Map(active.map((p) => [p.apprenticeId, p.mentorId]))
	// The current mentors are usually not in the sheet: look their names up for the message.
	const mentorNames = active.length ? await db.user.findMany({ where: { id: { in: [...new Set(active.map((p) => p.mentorId))] } }, select: { id: true, name: true } }) : []
	const nameOf = new Map(mentorNames.map((u) => [u.id, u.name]))
	const firstRowOf = new Map<string, number>()
	const checked: CheckedRow[] = []
	for (const { rowNumber, cells } of rows) {
		const mentorName = cells['导师工号']?.trim() ?? ''
		const apprenticeName = cells['徒弟工号']?.trim() ?? ''
		const mentor = users.get(mentorName)
		const apprentice = users.get(apprenticeName)
		if (!mentorName) problems.add(rowNumber, '导师工号不能为空')
		else if (!mentor) problems.add(rowNumber, `导师工号“${mentorName}”不存在`)
		else if (!mentor.active) problems.add(rowNumber, `导师 ${mentor.name}（${mentorName}）的账号已停用`)
		else if (!mentor.roles.includes('mentor')) problems.add(rowNumber, `${mentor.name}（${mentorName}）没有导师身份`)
		if (!apprenticeName) problems.add(rowNumber, '徒弟工号不能为空')
		else if (!apprentice) problems.add(rowNumber, `徒弟工号“${apprenticeName}”不存在`)
		else if (!apprentice.active) problems.add(rowNumber, `徒弟 ${apprentice.name}（${apprenticeName}）的账号已停用`)
		else {
			const first = firstRowOf.get(apprenticeName)
			if (first !== undefined) problems.add(rowNumber, `徒弟“${apprenticeName}”与第${first}行重复：一名徒弟同时只能有一位导师`)
			else firstRowOf.set(apprenticeName, rowNumber)
			const current = activeOf.get(apprentice.id)
			if (current) problems.add(rowNumber, `${apprentice.name}（${apprenticeName}）已有在带导师 ${nameOf.get(current) ?? ''}，请先结束原结对`)
		}
		if (mentorName && mentorName === apprenticeName) problems.add(rowNumber, '导师和徒弟不能是同一个人')
		const startsOn = parseChinaDay(cells['开始日期'] ?? '')
		const endsOn = parseChinaDay(cells['结束日期'] ?? '')
		if (!startsOn) problems.add(rowNumber, '开始日期格式应为 2026-09-01')
		if (!endsOn) problems.add(rowNumber, '结束日期格式应为 2027-08-31')
		if (startsOn && endsOn && endsOn <= startsOn) problems.add(rowNumber, '结束日期须晚于开始日期')
		const goals = splitGoals(cells['目标'] ?? '')
		if (goals.businessGoals.length > 2000 || goals.partyGoals.length > 2000) problems.add(rowNumber, '目标不能超过 2000 个字')
		if (!problems.has(rowNumber) && mentor && apprentice && startsOn && endsOn) {
			checked.push({ rowNumber, mentorId: mentor.id, apprenticeId: apprentice.id, startsOn, endsOn, ...goals, mentorLabel: `${mentor.name}（${mentorName}）`, apprenticeLabel: `${apprentice.name}（${apprenticeName}）` })
		}
	}
	return { valid: checked.filter((row) => !problems.has(row.rowNumber)), problems: problems.list() }
}

function previewOf(fileName: string, totalRows: number, valid: CheckedRow[], problems: ImportPreview['problems']): ImportPreview {
	return rowsPreview({ kind: 'pairings', fileName, totalRows, problems }, valid, PREVIEW_COLUMNS, (row) => [row.mentorLabel, row.apprenticeLabel, chinaDayOf(row.startsOn), chinaDayOf(row.endsOn), row.businessGoals, row.partyGoals])
}

async function readAndCheck(db: DbOrTx, file: UploadedFile, onProgress?: ReportProgress) {
	await onProgress?.({ phase: 'parse', done: 0, total: 1 })
	const sheet = await readImportSheet('pairings', file, PAIRING_IMPORT_COLUMNS)
	if (!sheet.ok) return { rows: null, preview: fileProblemPreview('pairings', file.fileName, sheet.problem, PREVIEW_COLUMNS) }
	await onProgress?.({ phase: 'parse', done: 1, total: 1 })
	const { valid, problems } = await checkPairingRows(db, sheet.rows, onProgress)
	return { rows: sheet.rows, preview: previewOf(file.fileName, sheet.rows.length, valid, problems) }
}

export async function previewPairingImport(db: DbOrTx, file: UploadedFile, onProgress?: ReportProgress) {
	return (await readAndCheck(db, file, onProgress)).preview
}

export async function commitPairingImport(db: Db, actor: Actor, file: UploadedFile, { onProgress }: { onProgress?: ReportProgress } = {}): Promise<ImportOutcome> {
	const first = await readAndCheck(db, file, onProgress)
	if (!first.rows || first.preview.problems.length) return { ok: false, preview: first.preview }
	const sheetRows = first.rows
	try {
		return await auditedTransaction(
			db,
			async (tx): Promise<ImportOutcome> => {
				const again = await checkPairingRows(tx, sheetRows)
				if (again.problems.length) return { ok: false, preview: previewOf(file.fileName, sheetRows.length, again.valid, again.problems) }
				let written = 0
				for (const row of again.valid) {
					const { rowNumber: _n, mentorLabel, apprenticeLabel, ...input } = row
					await insertPairing(tx, actor, input, `批量导入结对：导师 ${mentorLabel}，徒弟 ${apprenticeLabel}`)
					written++
					if (written % 50 === 0 || written === again.valid.length) await onProgress?.({ phase: 'write', done: written, total: again.valid.length })
				}
				await writeAuditLog(tx, {
					...auditActor(actor),
					action: 'mentorship.pairing.import',
					targetType: 'Pairing',
					summary: `从文件“${file.fileName}”批量导入 ${again.valid.length} 个结对`,
					after: { fileName: file.fileName, count: again.valid.length },
				})
				return { ok: true, kind: 'pairings', created: again.valid.length, credentials: [], credentialsXlsxBase64: null }
			},
			5,
			{ timeout: 120_000, maxWait: 20_000 },
		)
	} catch (error) {
		if (!isUniqueViolation(error)) throw error
		return { ok: false, preview: fileProblemPreview('pairings', file.fileName, '导入期间有徒弟被同时结对，已全部撤销、未写入任何数据，请重新上传预览', PREVIEW_COLUMNS) }
	}
}
