// Every kind of /papers request mapped to what answers it.
import { renderNotice } from "../blocks/usage.ts";
import { answerJournalClub } from "../journal-club/jc-command.ts";
import {
  likeCommand,
  resetLearningCommand,
  unlikeCommand,
  withLearningSummary,
} from "../learning/learning-commands.ts";
import { discussFlow, findPaper } from "../paper-actions.ts";
import { similarPapersPage } from "../similar-results.ts";
import { exportCommand } from "./export-command.ts";
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
  settings: async (request, { features, user, channel, team }) =>
    withLearningSummary(
      features,
      { team, channel },
      await features.digests.handle(request, { team, channel, user }),
    ),
  like: (request, { features, channel, team }) => likeCommand(features, { team, channel }, request.id),
  unlike: (request, { features, channel, team }) => unlikeCommand(features, { team, channel }, request.id),
  "reset-learning": (_request, { features, channel, team }) =>
    resetLearningCommand(features, { team, channel }),
  schedule: (request, { features, user, channel, team }) =>
    features.digests.handle(request, { team, channel, user }),
  topics: (request, { features, user, channel, team }) =>
    features.digests.handle(request, { team, channel, user }),
  exclude: (request, { features, user, channel, team }) =>
    features.digests.handle(request, { team, channel, user }),
  digest: (request, { features, user, channel, team }) =>
    features.digests.handle(request, { team, channel, user }),
  jc: (request, context) => answerJournalClub(request.args, context),
  weekly: async (request, { features, user, channel }) =>
    features.weekly
      ? features.weekly.handle(request.args, { channel, user })
      : renderNotice("The weekly roundup is not available in this deployment."),
  export: (request, context) => exportCommand(request, context),
  follow: (request, { features, user, channel, team }) =>
    features.digests.handle(request, { team, channel, user }),
};
