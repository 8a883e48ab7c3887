import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, type ShouldRevalidateFunction, useFetcher, useLoaderData, useLocation } from '@remix-run/react'
import { useMemo } from 'react'
import { z } from 'zod'
import { Page } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { buttonClass } from '#app/components/forms.tsx'
import { katexStylesheetLink } from '#app/components/mdx/katex-styles.ts'
import { LessonContent, lessonTableOfContents } from '#app/components/mdx/lesson-content.tsx'
import type { LessonRuntime } from '#app/components/mdx/lesson-runtime.tsx'
import { TableOfContents } from '#app/components/mdx/table-of-contents.tsx'
import { usePersonalIsland } from '#app/components/personal-island.tsx'
import { answerKnowledgeCheck, CheckAnswerSchema } from '#app/courses/knowledge-checks.ts'
import { findLearnerLessonId, getLessonDocument, getLessonForLearner } from '#app/courses/learner.ts'
import { HeartbeatSchema, markLessonComplete, recordLessonHeartbeat } from '#app/courses/progress.ts'
import { LESSON_PAGE_AREA } from '#app/utils/access.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { isSharedRender } from '#app/utils/shared-render.server.ts'
import { formatDuration, LearnNav } from '#app/components/learn-section.tsx'
import { useLessonTracking } from './__lesson-tracking.ts'

export const links: LinksFunction = () => [katexStylesheetLink]

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.lesson.title ?? '课时'} · ${data?.course.title ?? '红审课程库'}` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	// The cached lesson-page path (ADR 036) admits by the same area: mayOpenLessonPage.
	const user = await requireAccess(request, LESSON_PAGE_AREA)
	const slugs = { courseSlug: params.slug!, lessonSlug: params.lesson! }
	// The shared-document cache renders the page once for every reader (ADR 036); the
	// reader's progress and answers then come with each view, in the page's personal island.
	const view = isSharedRender(request)
		? await getLessonDocument(prisma, slugs).then((document) => document && { ...document, personal: null })
		: await getLessonForLearner(prisma, { ...slugs, userId: user.id })
	if (!view) throw data({ message: '课时不存在或尚未发布' }, { status: 404 })
	return view
}

const ActionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('heartbeat') }).extend(HeartbeatSchema.shape),
	z.object({ intent: z.literal('complete') }),
	z.object({ intent: z.literal('answer-check') }).extend(CheckAnswerSchema.shape),
])

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireAccess(request, LESSON_PAGE_AREA)
	const lessonId = await findLearnerLessonId(prisma, { courseSlug: params.slug!, lessonSlug: params.lesson! })
	if (!lessonId) throw data({ message: '课时不存在或尚未发布' }, { status: 404 })
	const formData = await request.formData()
	const parsed = ActionSchema.safeParse({ ...Object.fromEntries(formData), choice: formData.getAll('choice') })
	if (!parsed.success) {
		const key = formData.get('checkKey')
		return data({ ok: false as const, checkKey: typeof key === 'string' ? key : null, message: parsed.error.issues[0]?.message ?? '提交的内容无效' }, { status: 400 })
	}
	const input = parsed.data
	switch (input.intent) {
		case 'heartbeat': {
			await recordLessonHeartbeat(prisma, { userId: user.id, lessonId, position: input.position, activeSeconds: input.activeSeconds })
			return { ok: true as const }
		}
		case 'complete': {
			await markLessonComplete(prisma, { userId: user.id, lessonId })
			return { ok: true as const }
		}
		case 'answer-check': {
			const result = await answerKnowledgeCheck(prisma, { userId: user.id, lessonId, versionId: input.versionId, checkKey: input.checkKey, choice: input.choice })
			if (!result.ok) return data({ ok: false as const, checkKey: input.checkKey, message: result.message }, { status: 400 })
			return { ok: true as const }
		}
	}
}

/** Heartbeats change nothing on screen; re-reading the lesson for each would be waste. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
	formData?.get('intent') === 'heartbeat' ? false : defaultShouldRevalidate

const NOTHING_ANSWERED = {}

export default function LessonPage() {
	const view = useLoaderData<typeof loader>()
	const { course, lesson, previous, next } = view
	const island = usePersonalIsland()
	const personal = view.personal ?? (island?.lesson?.versionId === lesson.versionId ? island.lesson : null)
	const progress = personal?.progress ?? null
	const answered = personal?.answered
	const location = useLocation()
	const checkFetcher = useFetcher<typeof action>({ key: 'knowledge-check' })
	const completeFetcher = useFetcher<typeof action>()
	const { resumed } = useLessonTracking({ lessonKey: lesson.versionId, position: progress?.position ?? null, completed: Boolean(progress?.completed) })

	const checkError = checkFetcher.data && !checkFetcher.data.ok && 'checkKey' in checkFetcher.data ? checkFetcher.data : null
	const pendingKey = checkFetcher.state === 'idle' ? null : String(checkFetcher.formData?.get('checkKey') ?? '')
	const runtime = useMemo<LessonRuntime>(
		() => ({
			problems: Object.fromEntries(view.problems.map((problem) => [problem.code, problem])),
			checks: {
				mode: 'live',
				action: location.pathname,
				versionId: lesson.versionId,
				answered: answered ?? NOTHING_ANSWERED,
				submit: (form) => checkFetcher.submit(form),
				pendingKey,
				errors: checkError?.checkKey ? { [checkError.checkKey]: checkError.message } : {},
			},
		}),
		[view.problems, answered, location.pathname, lesson.versionId, checkFetcher, pendingKey, checkError],
	)
	const completed = Boolean(progress?.completed) || (completeFetcher.state !== 'idle' && completeFetcher.formData?.get('intent') === 'complete')

	return (
		<Page>
			<LearnNav />
			<nav aria-label="位置" className="mb-2 text-sm text-gray-600">
				<Link to={`/learn/courses/${course.slug}`} className="hover:underline">
					{course.title}
				</Link>
				<span className="mx-1">›</span>第 {lesson.position}/{lesson.total} 课
			</nav>
			<header className="mb-6">
				<h1 className="text-2xl font-semibold">{lesson.title}</h1>
				{lesson.summary ? <p className="mt-1 text-gray-700">{lesson.summary}</p> : null}
				<p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-gray-500">
					<span>约 {lesson.estimatedMinutes} 分钟</span>
					{progress ? <span>已学习 {formatDuration(progress.timeSpentSeconds)}</span> : null}
					{completed ? <span className="font-medium text-green-700">已完成</span> : null}
					{lesson.tags.length ? <span>标签：{lesson.tags.join('、')}</span> : null}
				</p>
				{lesson.regulations.length ? (
					<p className="mt-1 text-sm text-gray-500">
						依据：
						{lesson.regulations
							.map((r) => `《${r.name}》${r.article ?? ''}${r.effectiveDate ? `（${r.effectiveDate} 起施行）` : ''}`)
							.join('；')}
					</p>
				) : null}
				{resumed ? (
					<p role="status" className="mt-2 text-sm text-sky-800">
						已回到上次阅读的位置。
					</p>
				) : null}
			</header>
			<TableOfContents entries={lessonTableOfContents(view.code)} />
			<article className="rounded-lg border border-gray-200 bg-white px-6 py-6">
				<LessonContent code={view.code} runtime={runtime} title={lesson.title} />
			</article>
			<div className="mt-6 flex flex-wrap items-center justify-between gap-3">
				<div>{previous ? <Link to={`/learn/courses/${course.slug}/${previous.slug}`} className={buttonClass('secondary')}>← 上一课：{previous.title}</Link> : null}</div>
				<completeFetcher.Form method="post">
					<input type="hidden" name="intent" value="complete" />
					<button type="submit" className={buttonClass(completed ? 'secondary' : 'primary')} disabled={completed}>
						{completed ? '已完成本课' : '标记为已完成'}
					</button>
				</completeFetcher.Form>
				<div>{next ? <Link to={`/learn/courses/${course.slug}/${next.slug}`} className={buttonClass('secondary')}>下一课：{next.title} →</Link> : <Link to={`/learn/courses/${course.slug}`} className={buttonClass('secondary')}>返回课程</Link>}</div>
			</div>
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
