import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { requireAccess } from '#app/utils/auth.server.ts'
import { navFor } from '#app/utils/access.ts'

/** Home is each person's first area: admins land in 管理, learners in 学习. */
export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/')
	const entries = navFor(user.roles)
	const home = user.roles.includes('admin') ? '/admin' : (entries[0]?.to ?? '/settings/password')
	throw redirect(home)
}
