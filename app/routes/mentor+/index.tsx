import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { chinaDayOf } from '#app/mentorship/dates.ts'
import { mentorDesk } from '#app/mentorship/overview.ts'
import { PAIRING_STATUS_LABELS, type PairingStatus } from '#app/mentorship/labels.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'

export const meta: MetaFunction = () => [{ title: '导师带徒 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const mentor = await requireAccess(request, '/mentor')
	const { current, past } = await mentorDesk(prisma, mentor.id)
	return {
		current: current.map((row) => ({ id: row.id, apprentice: row.apprentice, endsOn: row.endsOn, flags: row.flags })),
		past: past.map((row) => ({ id: row.id, apprentice: row.apprentice, status: row.status, startsOn: row.startsOn, endsOn: row.endsOn })),
	}
}

export default function MentorDeskPage() {
	const { current, past } = useLoaderData<typeof loader>()
	return (
		<Page>
			<PageHeader title="导师带徒" description="需要关注的徒弟排在前面，并写明原因。点击卡片查看学习情况、布置指定学习、记录每月一学。" />
			{current.length === 0 ? (
				<p className="rounded border border-dashed bg-white p-8 text-center text-gray-600">尚未为您分配徒弟。结对由管理员设置，设置后徒弟的学习进度将显示在这里。</p>
			) : (
				<ul className="grid gap-3 md:grid-cols-2" aria-label="我的徒弟">
					{current.map((card) => (
						<li key={card.id} className={`rounded-lg border bg-white p-4 ${card.flags.length ? 'border-amber-300' : 'border-gray-200'}`} data-apprentice={card.apprentice.name}>
							<h2 className="font-semibold">
								{/* Underlined: beside the unit name, colour alone would not tell the link apart (axe link-in-text-block). */}
								<Link to={`/mentor/apprentices/${card.apprentice.id}`} className="text-brand-700 underline hover:no-underline">
									{card.apprentice.name}
								</Link>
								<span className="ml-2 text-sm font-normal text-gray-500">{card.apprentice.unitName}</span>
							</h2>
							<p className="text-xs text-gray-500">结对至 {chinaDayOf(new Date(card.endsOn))}</p>
							{card.flags.length ? (
								<ul className="mt-2 space-y-0.5 text-sm text-amber-800" aria-label={`${card.apprentice.name} 需关注的原因`}>
									{card.flags.map((flag) => (
										<li key={flag.code} data-flag={flag.code}>
											⚠ {flag.text}
										</li>
									))}
								</ul>
							) : (
								<p className="mt-2 text-sm text-green-700">✓ 一切正常</p>
							)}
						</li>
					))}
				</ul>
			)}
			{past.length ? (
				<section aria-labelledby="past" className="mt-8">
					<h2 id="past" className="mb-2 text-lg font-semibold">
						以往徒弟（只读）
					</h2>
					<ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
						{past.map((row) => (
							<li key={row.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
								<Link to={`/mentor/apprentices/${row.apprentice.id}`} className="text-brand-700 hover:underline">
									{row.apprentice.name}
								</Link>
								<span className="text-gray-600">
									{chinaDayOf(new Date(row.startsOn))} 至 {chinaDayOf(new Date(row.endsOn))} · {PAIRING_STATUS_LABELS[row.status as PairingStatus] ?? row.status}
								</span>
							</li>
						))}
					</ul>
				</section>
			) : null}
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
