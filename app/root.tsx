// Must stay the first import: zod is told not to probe eval before any schema is built.
import '#app/utils/zod-jitless.ts'
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { AppShell } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { AppToaster } from '#app/components/toaster.tsx'
import tailwindHref from '#app/styles/tailwind.css?url'
import { unreadCount } from '#app/notifications/notifications.ts'
import { allowPublic, getOptionalUser } from '#app/utils/auth.server.ts'
import '#app/utils/zod-locale.ts'
import { prisma } from '#app/utils/db.server.ts'
import { useNonce } from '#app/utils/nonce-provider.ts'
import { isSharedRender } from '#app/utils/shared-render.server.ts'
import { takeToast } from '#app/utils/toast.server.ts'

export const links: LinksFunction = () => [
	{ rel: 'stylesheet', href: tailwindHref },
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [{ title: '红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	allowPublic('the shell shows the signed-in person, or nobody')
	const shared = isSharedRender(request)
	// A toast belongs to the one browser that was redirected; a shared render never takes it.
	const { toast, headers } = shared ? { toast: null, headers: null } : await takeToast(request)
	const user = await getOptionalUser(request)
	if (!user) return data({ user: null, toast }, headers ? { headers } : undefined)
	// A shared render shows the navigation of the reader's roles, but not who they are.
	const identity = shared ? null : { name: user.name, username: user.username, unitName: user.unitName }
	// The bell's count is personal too: a shared render shows the bell without it.
	const shell = { identity, roles: user.roles, unread: shared ? null : await unreadCount(prisma, user.id) }
	return data({ user: shell, toast }, headers ? { headers } : undefined)
}

export function Layout({ children }: { children: ReactNode }) {
	const data = useRouteLoaderData<typeof loader>('root')
	const nonce = useNonce()
	return (
		<html lang="zh-CN">
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<Meta />
				<Links />
			</head>
			<body>
				<AppShell user={data?.user ?? null}>{children}</AppShell>
				<AppToaster toast={data?.toast ?? null} />
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

export default function App() {
	return <Outlet />
}

export const ErrorBoundary = GeneralErrorBoundary
