import { type LoaderFunctionArgs } from '@remix-run/node'
import { exportProblemsXlsx } from '#app/courses/problems.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { problemQuery } from './__filter.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/problems')
	const { topic, category } = problemQuery(request)
	const workbook = await exportProblemsXlsx(prisma, { topic, category })
	return new Response(new Uint8Array(workbook), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename="common-problems.xlsx"; filename*=UTF-8''${encodeURIComponent('共性问题清单.xlsx')}`,
			'Cache-Control': 'no-store',
		},
	})
}
