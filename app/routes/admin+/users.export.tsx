import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { attachmentHeader } from '#app/admin/import/templates.ts'
import { exportUsersXlsx } from '#app/admin/user-export.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { readUserFilters } from './__user-filters.ts'

/** The export is a POST (it is audited); a GET goes back to the list. */
export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	throw redirect('/admin/users')
}

export async function action({ request }: ActionFunctionArgs) {
	const admin = await requireAccess(request, '/admin')
	const { filters } = readUserFilters(await request.formData())
	const { file } = await exportUsersXlsx(prisma, admin, filters)
	const stamp = new Date().toISOString().slice(0, 10)
	return new Response(new Uint8Array(file), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': attachmentHeader(`用户名单-${stamp}.xlsx`),
			'Cache-Control': 'no-store',
		},
	})
}
