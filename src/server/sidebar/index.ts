/** Entry points that exist for the sidebar: opening it, its start-up context, reminders, the board. */
export { showSidebar } from './showSidebar';
export { getSidebarContext, type SidebarContext, type SidebarUser } from './context';
export { getReminders, type RemindersResult } from './reminders';
export { getPipeline, type Pipeline, type PipelineCard, type PipelineColumn } from './pipeline';
export { getMyTargets, type MyTargets, type TargetProgress } from './targets';
