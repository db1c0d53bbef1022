import { createApp } from "vue";
import App from "./App.vue";
import { createApolloClient } from "./plugins/apollo";
import { createAppI18n } from "./plugins/i18n";
import { createAppRouter } from "./plugins/router";
import { APOLLO_KEY } from "./composables/use-apollo";
import "./styles.css";

createApp(App)
  .use(createAppRouter())
  .use(createAppI18n())
  .provide(APOLLO_KEY, createApolloClient())
  .mount("#app");
