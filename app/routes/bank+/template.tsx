import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { attachmentHeader } from '#app/admin/import/templates.ts'
import { bankTemplateFile } from '#app/exams/import/bank-export.ts'
import { requireAccess } from '#app/utils/auth.server.ts'

const FormatSchema = z.enum(['xlsx', 'csv'])

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/bank')
	const format = FormatSchema.safeParse(new URL(request.url).searchParams.get('format') ?? 'xlsx')
	if (!format.success) throw data({ message: '没有这种模板格式' }, { status: 404 })
	const file = await bankTemplateFile(format.data)
	return new Response(new Uint8Array(file.body), {
		headers: { 'Content-Type': file.contentType, 'Content-Disposition': attachmentHeader(file.fileName), 'Cache-Control': 'no-store' },
	})
}
