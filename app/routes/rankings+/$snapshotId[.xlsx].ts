// A published ranking as .xlsx, for every signed-in person who can see the board: the same
// rows as the page, with the snapshot's version and hash on the first sheet.
import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { rankingWorkbook } from '#app/rankings/export.server.ts'
import { getSnapshot } from '#app/rankings/snapshots.server.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireAccess(request, '/rankings')
	const snapshot = params.snapshotId && params.snapshotId.length <= 100 ? await getSnapshot(prisma, params.snapshotId) : null
	if (!snapshot) throw data({ message: '找不到这个已发布的排行榜' }, { status: 404 })
	const workbook = await rankingWorkbook(snapshot)
	const fileName = encodeURIComponent(`${snapshot.title}-第${snapshot.version}版.xlsx`)
	return new Response(new Uint8Array(workbook), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename="ranking-v${snapshot.version}.xlsx"; filename*=UTF-8''${fileName}`,
			'Cache-Control': 'no-store',
		},
	})
}
