/**
 * Disposal tickets: event-sourced (ticket_events is the record), routed by
 * routing.yml, timed by SLA, with playbooks, similar past tickets and people's
 * verdicts on the automatic attribution. The surface other parts call.
 */
export { openTicketForFinding, type TicketableFinding } from './findings.ts'
export { createTicket, getTicket, changeTicket, rebuildBoard, SYSTEM_ACTOR, type NewTicket } from './service.ts'
export { acknowledgeTicket, startTicket, resolveTicket, closeTicket, reopenTicket, commentTicket, reassignTicket, type Reassignment } from './actions.ts'
export { checkDeadlines, slaOf, slaOfTicket, REMIND_AT, type DeadlineSweep, type SlaState, type SlaColour } from './sla.ts'
export { recordVerdict } from './verdicts.ts'
export { similarTickets, type SimilarTicket } from './similar.ts'
export { getTicketView, listTickets, type TicketView, type TicketSummary } from './view.ts'
export { loadRouting, routing, EXCEPTION_TYPES, type Route, type Routing } from './routing.ts'
export { loadPlaybooks, playbooks, type Playbook } from './playbooks.ts'
/** A bad routing or playbooks file (file, line, field and why). */
export { YamlFileError as TicketConfigError } from '../../core/config/index.ts'
export * from './types.ts'
