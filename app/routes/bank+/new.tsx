import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { SelectField } from '#app/components/forms.tsx'
import { createQuestion } from '#app/exams/bank/questions.ts'
import { QUESTION_STATUS_LABELS, QUESTION_TYPE_LABELS, QuestionStatusSchema } from '#app/exams/bank/question-types.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { refusalReply } from '#app/utils/conform.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { BankNav } from '#app/components/bank-nav.tsx'
import { editorValues, QuestionEditor, TypeTabs } from './__question-editor.tsx'
import { contentInputFromValues, emptyFormValues, parseQuestionType, QuestionFormSchema, questionRefusal } from './__question-form.ts'

export const meta: MetaFunction = () => [{ title: '新建题目 · 题库 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/bank')
	return { values: emptyFormValues(parseQuestionType(new URL(request.url).searchParams.get('type'))) }
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireAccess(request, '/bank')
	const formData = await request.formData()
	const submission = parseWithZod(formData, { schema: QuestionFormSchema })
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const status = QuestionStatusSchema.catch('draft').parse(formData.get('status'))
	const result = await createQuestion(prisma, { input: contentInputFromValues(submission.value.values), status, actorId: user.id })
	if (!result.ok) return refusalReply(submission, questionRefusal(result.fieldErrors))
	throw await redirectWithToast(`/bank/${result.questionId}`, { title: '题目已创建。' })
}

export default function NewQuestionPage() {
	const loaderData = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const values = editorValues(loaderData.values, lastResult)
	return (
		<Page>
			<PageHeader title={`新建${QUESTION_TYPE_LABELS[values.type]}题`} />
			<BankNav />
			<TypeTabs current={values.type} hrefFor={(type) => `/bank/new?type=${type}`} />
			<QuestionEditor
				key={values.type}
				id={`new-question-${values.type}`}
				values={loaderData.values}
				lastResult={lastResult}
				submitLabel="保存题目"
				extraFields={
					<SelectField
						label="保存后状态"
						name="status"
						defaultValue="draft"
						options={(['draft', 'active'] as const).map((s) => ({ value: s, label: QUESTION_STATUS_LABELS[s] }))}
						hint="草稿不会被抽入试卷；确认无误后设为启用。"
						className="max-w-xs"
					/>
				}
			/>
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
