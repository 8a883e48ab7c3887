import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { roundStatisticsWorkbook } from '#app/rankings/round-statistics-export.server.ts'
import { getRoundStatistics } from '#app/rankings/round-statistics.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin/rounds/:roundId/stats')
	const stats = await getRoundStatistics(prisma, params.roundId!)
	if (!stats) throw data({ message: '找不到这轮考试' }, { status: 404 })
	const workbook = await roundStatisticsWorkbook(stats)
	const fileName = encodeURIComponent(`${stats.round.title}-统计分析.xlsx`)
	return new Response(new Uint8Array(workbook), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename="round-statistics.xlsx"; filename*=UTF-8''${fileName}`,
			'Cache-Control': 'no-store',
		},
	})
}
