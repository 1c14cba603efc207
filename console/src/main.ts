import { createApp } from 'vue'
import App from './App.vue'
import { createConsoleI18n } from './i18n/index.ts'
import { createConsoleRouter } from './router.ts'
import './styles.css'

createApp(App).use(createConsoleRouter()).use(createConsoleI18n()).mount('#app')
