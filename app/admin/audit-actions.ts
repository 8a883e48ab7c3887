// Chinese names for audit-log actions, for the filter and the list. Isomorphic. Actions
// without a label (new ones from other areas) are shown by their code.
export const AUDIT_ACTION_LABELS: Record<string, string> = {
	'unit.create': '新建单位',
	'unit.update': '修改单位',
	'unit.deactivate': '停用单位',
	'unit.reactivate': '启用单位',
	'unit.import': '批量导入单位',
	'user.create': '新建用户',
	'user.update': '修改用户资料',
	'user.roles': '修改用户身份',
	'user.deactivate': '停用用户',
	'user.reactivate': '启用用户',
	'user.reset_password': '重置密码',
	'user.import': '批量导入用户',
	'user.export': '导出用户',
	'audit.checkpoint': '记录审计检查点',
	'bank.question.create': '新建题目',
	'bank.question.edit': '修改题目',
	'bank.question.new_version': '题目新版本',
	'bank.question.status': '题目状态变更',
}

export function auditActionLabel(action: string) {
	return AUDIT_ACTION_LABELS[action] ?? action
}
