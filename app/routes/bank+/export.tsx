import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { attachmentHeader } from '#app/admin/import/templates.ts'
import { parseQuestionFilter } from '#app/exams/bank/search.ts'
import { exportBankForPerson } from '#app/exams/import/bank-export.ts'
import { exportBankMoodleForPerson } from '#app/exams/import/bank-export-moodle.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'

/** The export is a POST (it carries every answer key and is audit-logged); a GET goes back to the list. */
export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/bank')
	throw redirect('/bank')
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireAccess(request, '/bank')
	const formData = await request.formData()
	const params = new URLSearchParams()
	for (const [key, value] of formData) if (typeof value === 'string') params.set(key, value)
	const format = z.enum(['xlsx', 'csv', 'moodle_xml', 'gift']).catch('xlsx').parse(params.get('format'))
	const { page: _page, pageSize: _pageSize, ...filter } = parseQuestionFilter(params)
	const file =
		format === 'moodle_xml' || format === 'gift'
			? await exportBankMoodleForPerson(prisma, { actorId: user.id, filter, format })
			: await exportBankForPerson(prisma, { actorId: user.id, filter, format })
	return new Response(new Uint8Array(file.body), {
		headers: { 'Content-Type': file.contentType, 'Content-Disposition': attachmentHeader(file.fileName), 'Cache-Control': 'no-store' },
	})
}
