/** The web apps: doGet's router (the self-service portal, the staff app for phones) and the menu's app link. */
export { doGet } from './router';
export { showAppLink } from './appLink';
