import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { allowPublic } from '#app/utils/auth.server.ts'
import { ErrorPage } from '#app/components/error-boundary.tsx'

const NOT_FOUND = { message: '您要找的页面不存在，或已被移除。' }

export async function loader(_: LoaderFunctionArgs) {
	allowPublic('unknown URLs answer 404 to everyone')
	throw data(NOT_FOUND, { status: 404 })
}

export async function action(_: ActionFunctionArgs) {
	allowPublic('unknown URLs answer 404 to everyone')
	throw data(NOT_FOUND, { status: 404 })
}

export default function NotFound() {
	return <ErrorPage status={404} title="页面不存在" message={NOT_FOUND.message} />
}
