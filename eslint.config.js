import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

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
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['**/generated/prisma/*/client*'], importNames: ['PrismaClient'], message: '用 app/utils/db-client.ts 的 createDb 创建数据库客户端。' }] },
			],
		},
	},
	{
		files: ['app/utils/db-client.ts'],
		rules: { 'no-restricted-imports': 'off' },
	},
)
