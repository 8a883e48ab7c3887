import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { attachmentHeader, templateFile } from '#app/admin/import/templates.ts'
import { IMPORT_KINDS } from '#app/admin/import/types.ts'
import { requireAccess } from '#app/utils/auth.server.ts'

const TemplateQuerySchema = z.object({ kind: z.enum(IMPORT_KINDS), format: z.enum(['xlsx', 'csv']).default('xlsx') })

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	const query = TemplateQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
	if (!query.success) throw new Response('没有这种模板', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
	const { fileName, contentType, body } = await templateFile(query.data.kind, query.data.format)
	return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
		headers: { 'Content-Type': contentType, 'Content-Disposition': attachmentHeader(fileName), 'Cache-Control': 'no-store' },
	})
}
