/** esbuild inlines imported CSS into dist/Sidebar.html. */
declare module '*.css';
