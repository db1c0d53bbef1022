import { createRouter, createWebHistory, type RouteRecordRaw } from "vue-router";
import { CONFEDERATION_UNIT } from "@/programme";
import OverviewView from "@/views/OverviewView.vue";
import TargetsView from "@/views/TargetsView.vue";
import UnitView from "@/views/UnitView.vue";

const routes: RouteRecordRaw[] = [
  { path: "/", name: "overview", component: OverviewView },
  // The leaders' pages come with the first script (2–3 KB each compressed): loaded on demand, each
  // added a round trip before its title, the largest paint of /chi-tieu on a phone.
  { path: "/don-vi/:code", name: "unit", component: UnitView, props: true },
  { path: "/don-vi", redirect: `/don-vi/${encodeURIComponent(CONFEDERATION_UNIT)}` },
  { path: "/chi-tieu", name: "targets", component: TargetsView },
  { path: "/kham-pha", name: "explorer", component: () => import("@/views/ExplorerView.vue") },
  { path: "/phat-hanh", name: "releases", component: () => import("@/views/ReleasesView.vue") },
  { path: "/:rest(.*)*", name: "not-found", component: () => import("@/views/NotFoundView.vue") },
];

export function createAppRouter() {
  return createRouter({
    history: createWebHistory(),
    routes,
    // A new view starts at the top; a change of filters keeps the reader's place.
    scrollBehavior: (to, from, saved) => saved ?? (to.path !== from.path ? { top: 0 } : undefined),
  });
}
