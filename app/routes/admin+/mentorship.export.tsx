import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { attachmentHeader } from '#app/admin/import/templates.ts'
import { exportPairingsXlsx } from '#app/mentorship/pairing-export.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { readPairingFilters } from './__pairing-filters.ts'

/** The export is a POST (it is audited); a GET goes back to the list. */
export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	throw redirect('/admin/mentorship')
}

export async function action({ request }: ActionFunctionArgs) {
	const admin = await requireAccess(request, '/admin')
	const { filters } = readPairingFilters(await request.formData())
	const { file } = await exportPairingsXlsx(prisma, admin, filters)
	const stamp = new Date().toISOString().slice(0, 10)
	return new Response(new Uint8Array(file), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': attachmentHeader(`导师带徒结对-${stamp}.xlsx`),
			'Cache-Control': 'no-store',
		},
	})
}
