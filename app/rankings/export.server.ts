// A published ranking as an .xlsx workbook. Its rows come from the same view as the board
// (`boardView`), so the export matches the page row for row; the first sheet names the
// version and the content hash of the snapshot it was made from.
import { writeXlsx } from '#app/utils/xlsx.server.ts'
import type { Snapshot } from './snapshots.server.ts'
import { boardView } from './view.ts'

/** The rows of each sheet, as the board shows them (exported for the read-back test). */
export function rankingSheets(snapshot: Pick<Snapshot, 'content' | 'version' | 'contentHash' | 'publishedByName' | 'publishedAt'>) {
	const board = boardView(snapshot.content, null)
	const season = board.scope === 'season'
	return {
		board,
		summary: [
			['排行榜', board.title],
			['版本', `第 ${snapshot.version} 版`],
			['内容哈希（SHA-256）', snapshot.contentHash],
			['发布人', snapshot.publishedByName],
			['发布时间', snapshot.publishedAt.toISOString()],
			['满分', board.maxScore],
			['排名规则', board.rules.person],
			['考试照顾', board.rules.accommodation],
			['缺考', board.rules.absent],
			['单位指数', board.rules.unitIndex],
			...(board.rules.season ? [['赛季总分', board.rules.season]] : []),
		] as (string | number)[][],
		people: board.people.map((p) => [p.rank, p.name, p.unitName, p.score, season ? p.roundsSat : p.timeUsed, p.accommodated ? '是' : '否']),
		peopleHeaders: ['名次', '姓名', '单位', '得分', season ? '参加轮次' : '用时', '考试照顾'],
		absent: board.absent.map((p) => [p.name, p.unitName]),
		units: board.units.map((u) => [u.rank, u.merged ? `${u.unitName}（${u.merged} 个单位）` : u.unitName, u.participants, u.eligible, u.participation, u.meanScore, u.index]),
	}
}

export async function rankingWorkbook(snapshot: Parameters<typeof rankingSheets>[0]) {
	const sheets = rankingSheets(snapshot)
	return writeXlsx([
		{ name: '概况', columns: [{ header: '项目', width: 20 }, { header: '内容', width: 80, text: true }], rows: sheets.summary },
		{
			name: '个人排名',
			columns: sheets.peopleHeaders.map((header, index) => ({ header, width: index === 2 ? 30 : undefined, text: index === 1 || index === 2 })),
			rows: sheets.people,
		},
		{ name: '缺考', columns: [{ header: '姓名', text: true }, { header: '单位', width: 30, text: true }], rows: sheets.absent },
		{
			name: '单位排名',
			columns: [{ header: '名次' }, { header: '单位', width: 30, text: true }, { header: '参考人数' }, { header: '应考人数' }, { header: '参考率' }, { header: '平均分' }, { header: '单位指数' }],
			rows: sheets.units,
		},
	])
}
