import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Which way app/ folders may depend (docs/conventions.md, "Layout and data flow"). Lower layers
// never import higher ones; domain modules and app/utils never import UI or routes. Tests and
// test fixtures may reach anywhere (they drive the layers from outside). Enforced with the core
// no-restricted-imports rule, so every zone repeats the PrismaClient pattern below.
const PRISMA_CLIENT = {
	group: ['**/generated/prisma/*/client*'],
	importNames: ['PrismaClient'],
	message: '用 app/utils/db-client.server.ts 的 createDb 创建数据库客户端。',
}
const reaching = (folders) => `^(#app/|(\\.\\./)+)(${folders.join('|')})(/|$)`
const UI = { regex: reaching(['components', 'routes']), message: '领域模块与 app/utils 不得引用界面（app/components、app/routes）：把共用的常量、类型或逻辑放进领域模块或 app/utils。' }
const ABOVE = (folders, who) => ({
	regex: reaching(folders),
	message: `${who} 不得引用上层领域（${folders.join('、')}）：依赖只能单向向下，见 docs/conventions.md。`,
})
const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/test-fixtures.ts']
const zone = (files, patterns) => ({ files, ignores: TESTS, rules: { 'no-restricted-imports': ['error', { patterns: [PRISMA_CLIENT, ...patterns] }] } })
/** The layers, lowest first: each may import the ones before it, never the ones after. */
const LAYERS = ['utils', 'admin', 'notifications', 'courses', 'exams', 'rankings', 'mentorship']
const above = (name) => LAYERS.slice(LAYERS.indexOf(name) + 1)
const EXAM_PARTS = ['attempts', 'bank', 'grading', 'import', 'practice', 'rounds', 'stats']
const exam = (parts) => `^(#app/exams/|\\.\\./)(${parts.join('|')})/`
const layerZones = [
	...LAYERS.map((name) => zone([`app/${name}/**`], [UI, ...(above(name).length ? [ABOVE(above(name), `app/${name}`)] : [])])),
	// Inside exams: timing (china time, deadlines, review window, release) <- rounds <- attempts.
	zone(['app/exams/timing/**'], [UI, ABOVE(above('exams'), 'app/exams'), { regex: exam(EXAM_PARTS), message: 'app/exams/timing 只放时间与截止规则，不得引用 exams 的其他部分（rounds、attempts 都引用它）。' }]),
	zone(['app/exams/rounds/**'], [UI, ABOVE(above('exams'), 'app/exams'), { regex: exam(['attempts']), message: 'app/exams/rounds 不得引用 attempts（attempts → rounds → timing 单向）：共用的时间规则放进 app/exams/timing。' }]),
	zone(['app/components/**'], [{ regex: reaching(['routes']), message: '组件不得引用路由文件：把共用部分移到 app/components 或 app/utils。' }]),
	// A route folder's `__` files are its own: another folder (or a #app/routes path) may not reach them.
	zone(['app/routes/**'], [{ regex: '^(#app/routes/|\\./|(\\.\\./)+)[^/]+/__', message: '`__` 文件只属于它所在的路由文件夹：几个文件夹共用的部分放进 app/components 或 app/utils（同一文件夹内用 ./__x 引用）。' }]),
]

export default tseslint.config(
	{ ignores: ['build/**', 'app/generated/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'tests/.tmp/**', 'bench/results/**'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.{ts,tsx,js,mjs}'],
		languageOptions: { globals: { ...globals.node, ...globals.browser } },
		plugins: { 'react-hooks': reactHooks },
		rules: {
			...reactHooks.configs.recommended.rules,
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
			'@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
			'no-restricted-imports': ['error', { patterns: [PRISMA_CLIENT] }],
		},
	},
	...layerZones,
	{
		files: ['app/utils/db-client.server.ts'],
		rules: { 'no-restricted-imports': 'off' },
	},
)
