// Every kind of /papers request mapped to what answers it.
import { renderNotice } from "../blocks/usage.ts";
import { discussFlow, findPaper } from "../paper-actions.ts";
import { similarPapersPage } from "../similar-results.ts";
import { baseHandlers, type PapersHandlers } from "./papers-command.ts";

export const papersHandlers: PapersHandlers = {
  ...baseHandlers,
  discuss: async (request, { features, client, user, channel, team }) => {
    const paper = await findPaper(features, request.id);
    if (!paper)
      return renderNotice(`No paper ${request.id} was found in the index, on Hugging Face or on arXiv.`);
    return discussFlow(features, client, { user, channel, team }, paper);
  },
  similar: (request, { features }) => similarPapersPage(features, request.id),
  settings: (request, { features, user, channel, team }) =>
    features.digests.handle(request, { team, channel, user }),
  schedule: (request, { features, user, channel, team }) =>
    features.digests.handle(request, { team, channel, user }),
  topics: (request, { features, user, channel, team }) =>
    features.digests.handle(request, { team, channel, user }),
  exclude: (request, { features, user, channel, team }) =>
    features.digests.handle(request, { team, channel, user }),
  digest: (request, { features, user, channel, team }) =>
    features.digests.handle(request, { team, channel, user }),
};
