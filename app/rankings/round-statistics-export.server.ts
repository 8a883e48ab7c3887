// Round statistics as an .xlsx workbook: a summary, the score distribution, the per-unit
// comparison (as on the page, row for row) and the items.
import { writeXlsx } from '#app/utils/xlsx.server.ts'
import type { RoundStatistics } from './round-statistics.ts'

const percent = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10)

export async function roundStatisticsWorkbook(stats: RoundStatistics) {
	const { summary } = stats
	return writeXlsx([
		{
			name: '概况',
			columns: [{ header: '项目', width: 20 }, { header: '数值', width: 40 }],
			rows: [
				['赛季', stats.round.seasonName],
				['轮次', stats.round.title],
				['参与统计人数', summary.count],
				['满分', stats.maxScore],
				['平均分', summary.mean],
				['中位数', summary.median],
				['最高分', summary.max],
				['最低分', summary.min],
				['标准差', summary.standardDeviation],
				['作答中', stats.inProgress],
				['待阅卷', stats.awaitingGrading],
			],
		},
		{
			name: '成绩分布',
			columns: [{ header: '得分率区间', width: 16 }, { header: '人数' }],
			rows: stats.histogram.map((bin) => [bin.label, bin.count]),
		},
		{
			name: '单位对比',
			columns: [
				{ header: '名次' },
				{ header: '单位', width: 30, text: true },
				{ header: '合并单位数' },
				{ header: '参考人数' },
				{ header: '应考人数' },
				{ header: '参考率（%）', width: 14 },
				{ header: '平均分' },
				{ header: '单位指数' },
			],
			rows: stats.units.rows.map((unit) => [unit.rank, unit.unitName, unit.merged || null, unit.participants, unit.eligible, percent(unit.participationRate), unit.meanScore, unit.index]),
		},
		{
			name: '题目分析',
			columns: [
				{ header: '题目ID', width: 28 },
				{ header: '版本' },
				{ header: '专题' },
				{ header: '题型' },
				{ header: '题干', width: 60, text: true },
				{ header: '作答人数' },
				{ header: '难度系数（得分率%）', width: 22 },
				{ header: '区分度（高分组−低分组）', width: 26 },
				{ header: '负区分度' },
				{ header: '选项分布（*为答案）', width: 50, text: true },
				{ header: '未作答' },
			],
			rows: stats.items.map((item) => [
				item.questionId,
				item.version,
				item.topicLabel,
				item.typeLabel,
				item.stem,
				item.answeredBy,
				percent(item.facility),
				item.discrimination,
				item.negativeDiscrimination ? '是' : '',
				item.options ? item.options.counts.map((c) => `${c.key}${c.isKey ? '*' : ''}:${c.count}`).join('  ') : '',
				item.options?.unanswered ?? null,
			]),
		},
	])
}
