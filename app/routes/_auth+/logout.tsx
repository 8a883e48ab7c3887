import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { allowPublic, logout } from '#app/utils/auth.server.ts'

export async function loader(_: LoaderFunctionArgs) {
	allowPublic('a GET only bounces to the home page; signing out needs a POST')
	throw redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
	allowPublic('signing out a session that may already have ended')
	const formData = await request.formData()
	return logout(request, { everywhere: formData.get('scope') === 'everywhere' })
}
