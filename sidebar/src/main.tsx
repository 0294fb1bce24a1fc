import { render } from 'preact';
import { App } from './App';
import './styles.css';
import { startInfo } from './lib/start';

// The web app (a phone or a desktop browser) gets the larger touch layout (styles.css: .webapp).
if (startInfo().surface === 'web') document.documentElement.classList.add('webapp');

render(<App />, document.getElementById('app') as HTMLElement);
